"""``tdi-nlp eval themes``: question-level quality of the Territoires d'industrie theme classifier (issue 12).

Questions of models/labels/requests.jsonl (GUIDE.md, question level), resolved from ../shared. Frozen test split
(sha1 of the document id): the model is trained and its thresholds chosen on the train split only, exactly as
``tdi-nlp train`` does, and scored once on the test split, beside two baselines on the same questions: the keyword
cue lists (model.CUES) matched on the whole question and on its request clauses only, and the previous model
(version 1.1: sentence classifier trained on models/labels/tdi_sentences.jsonl, theme = max over the question's
sentences). Then 5-fold GroupKFold cross-validation on the train split (thresholds chosen inside each training
part): the split every choice of the model was made on, so these figures are tuned-on.
"""
from __future__ import annotations

import numpy as np

NAME = "themes"
HELP = "theme classifier (taxonomy tdi): per-label P/R/F1 of questions on the frozen test split vs baselines"


def add_arguments(parser) -> None:
    parser.add_argument("--folds", type=int, default=5, help="folds of the cross-validation on train (default 5)")
    parser.add_argument("--inner-folds", type=int, default=3, help="folds to choose thresholds in CV (default 3)")
    parser.add_argument("--no-old-model", action="store_true", help="skip the version 1.1 sentence-model baseline")


def _counts(y: np.ndarray, pred: np.ndarray, j: int | None = None) -> tuple[int, int, int]:
    yy, pp = (y, pred) if j is None else (y[:, j], pred[:, j])
    return int((pp & (yy == 1)).sum()), int((pp & (yy == 0)).sum()), int((~pp & (yy == 1)).sum())


def report(y: np.ndarray, pred: np.ndarray, labels: list[str], title: str) -> tuple[float, float]:
    from ._metrics import fmt_row, prf
    print(title)
    f1s = []
    for j, lab in enumerate(labels):
        tp, fp, fn = _counts(y, pred, j)
        if tp + fn:
            f1s.append(prf(tp, fp, fn)[2])
        print("  " + fmt_row(lab, tp, fp, fn) + ("   (no positive in this part)" if tp + fn == 0 else ""))
    tp, fp, fn = _counts(y, pred)
    print("  " + fmt_row("micro", tp, fp, fn))
    micro, macro = prf(tp, fp, fn)[2], float(np.mean(f1s))
    print(f"  {'macro F1':<28} {macro:.3f}   (labels with a positive)")
    return micro, macro


def _predict(model: dict, questions) -> np.ndarray:
    from ..themes import request_model as rm
    out = np.zeros((len(questions), len(rm.LABELS)), dtype=bool)
    for i, q in enumerate(questions):
        for code, _, _ in rm.predict(model, q.text):
            out[i, rm.LABELS.index(code)] = True
    return out


def _old_model(questions) -> np.ndarray:
    """Version 1.1: the sentence classifier, retrained as `tdi-nlp train` did, max over the question's sentences."""
    from ..themes import model as m
    from ..themes.dataset import SENTENCES, load_examples
    from ..themes.text import split_sentences
    ex = load_examples(SENTENCES)
    old = m.train([e.text for e in ex], [e.labels for e in ex], [e.group for e in ex])
    th = np.array([old["thresholds"][c] for c in m.LABELS])
    out = np.zeros((len(questions), len(m.LABELS)), dtype=bool)
    for i, q in enumerate(questions):
        sents = [q.text[s:e] for s, e in split_sentences(q.text)]
        if sents:
            out[i] = m.sentence_scores(old, sents).max(axis=0) >= th
    return out


def cross_validate(train, folds: int, inner: int) -> np.ndarray:
    from sklearn.model_selection import GroupKFold
    from ..themes import request_model as rm
    y = rm.binarize([q.labels for q in train])
    pred = np.zeros(y.shape, dtype=bool)
    for tr, te in GroupKFold(n_splits=folds).split(train, y, [q.group for q in train]):
        model = rm.train([train[i] for i in tr], folds=inner)
        pred[te] = _predict(model, [train[i] for i in te])
    return pred


def run(args) -> int:
    from threadpoolctl import threadpool_limits

    from ..config import settings
    from ..themes import model as m
    from ..themes import request_model as rm
    from ..themes import sources
    from ..themes.requests import find_requests

    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"eval themes: ../shared is absent ({settings.shared_dir}); nothing to evaluate")
        return 0
    train, test = rm.load_questions("train"), rm.load_questions("test")
    y = rm.binarize([q.labels for q in test])
    L = rm.LABELS
    print(f"{len(test)} test questions ({rm.REFERENCES}, split=test, frozen), model trained on {len(train)} train "
          f"questions; {int(y.any(axis=1).sum())} test questions have a theme")
    with threadpool_limits(limits=1):
        model = rm.train(train)
        mi, ma = report(y, _predict(model, test), L, "model v2.1 (request clauses: TF-IDF + cues, one-vs-rest LR)")
        kw_all = rm.binarize([m.keyword_labels(q.text) for q in test]).astype(bool)
        kwi, kwa = report(y, kw_all, L, "baseline: keyword cues on the whole question")
        kw_req = rm.binarize([sorted({lab for r in find_requests(q.text) for lab in m.keyword_labels(r.text)})
                              for q in test]).astype(bool)
        kri, kra = report(y, kw_req, L, "baseline: keyword cues on the request clauses")
        oldi = olda = float("nan")
        if not args.no_old_model:
            oldi, olda = report(y, _old_model(test), L, "baseline: model v1.1 (sentence classifier, max over sentences)")
        ytr = rm.binarize([q.labels for q in train])
        cvi, cva = report(ytr, cross_validate(train, args.folds, args.inner_folds), L,
                          f"model v2.1, {args.folds}-fold GroupKFold CV on train (TUNED-ON: every model choice was "
                          f"made on these questions)")
        print("  (beneficiaires has 6 positives in train and none in test: its test F1 cannot be measured)")
    print(f"summary (test): micro F1 {mi:.3f}, macro {ma:.3f}; keywords whole question {kwi:.3f} / {kwa:.3f}, "
          f"keywords on requests {kri:.3f} / {kra:.3f}, model v1.1 {oldi:.3f} / {olda:.3f}; CV on train (tuned-on) "
          f"{cvi:.3f} / {cva:.3f}")
    return 0
