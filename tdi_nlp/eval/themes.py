"""``tdi-nlp eval themes``: question-level quality of the Territoires d'industrie theme classifier (issue 12).

Questions of models/labels/requests.jsonl (GUIDE.md, question level), resolved from ../shared. Frozen test split
(sha1 of the document id): the model is trained and its thresholds chosen on the train split only, exactly as
``tdi-nlp train`` does, and scored once on the test split (its E5 path, what ``classify`` uses, and its text-only
path, what extraction uses), beside baselines on the same questions: the same model with the settings of versions
2.4 (no rule layer), 2.2 and 2.1 (no synthetic clauses, no gate, no E5, no rule layer), the keyword cue lists (model.CUES) matched on the whole question and on its request
clauses only, and the previous model (version 1.1: sentence classifier trained on models/labels/tdi_sentences.jsonl,
theme = max over the question's sentences). Each is scored on the whole test split and on its original 84 questions
(labelling round 1, the test part the earlier figures were measured on). Then 5-fold GroupKFold cross-validation on
the train split (thresholds chosen inside each training part): the split every choice of the model was made on, so
these figures are tuned-on.

``--cv-only`` never reads the test split: it prints the repeated CV that chose model 2.4's and 2.6's settings (5-fold
GroupKFold over documents, 3 shuffles of the documents into folds, thresholds by inner folds of each training
part; each training part trained as ``tdi-nlp train`` does, both its paths scored, E5 and text-only, each with its
own thresholds and re-cut with the other ``undecided`` choice), for the shipped settings or for each ``--cv-set``
(``key=value,...`` of request_model.train's parameters, ``synthetic=1`` for round 1's synthetic file only); ``--errors`` lists the out-of-fold false positives and misses
per label of the real train questions with their best clause.
"""
from __future__ import annotations

import numpy as np

NAME = "themes"
HELP = "theme classifier (taxonomy tdi): per-label P/R/F1 of questions on the frozen test split vs baselines"


def add_arguments(parser) -> None:
    parser.add_argument("--folds", type=int, default=5, help="folds of the cross-validation on train (default 5)")
    parser.add_argument("--inner-folds", type=int, default=3, help="folds to choose thresholds in CV (default 3)")
    parser.add_argument("--no-old-model", action="store_true", help="skip the version 1.1 sentence-model baseline")
    parser.add_argument("--cv-only", action="store_true", help="repeated CV on the train split only (no test)")
    parser.add_argument("--cv-set", action="append", default=[], metavar="K=V,...",
                        help="with --cv-only: a candidate's settings (repeatable), e.g. e5=0.15,C=1,floor=0.2 or "
                             "rule_add=0,rule_veto=0 (no rule layer), families=progress+money, rules=3 (rule features)")
    parser.add_argument("--shuffles", type=int, default=3, help="with --cv-only: shuffles of the folds (default 3)")
    parser.add_argument("--errors", action="store_true", help="with --cv-only: out-of-fold errors on train")


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


def _predict(model: dict, questions, embed: bool = True) -> np.ndarray:
    from ..themes import request_model as rm
    out = np.zeros((len(questions), len(rm.LABELS)), dtype=bool)
    for i, q in enumerate(questions):
        for code, _, _ in rm.predict(model, q.text, embed):
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


def parse_set(text: str) -> dict:
    """``"e5=0.15,C=1,gate=all,synthetic=1"`` -> request_model.train keyword arguments."""
    from ..themes import request_model as rm
    out: dict = {}
    for part in filter(None, text.split(",")):
        key, _, val = part.partition("=")
        if key == "synthetic":  # how many synthetic files (rounds) to train with
            out[key] = rm.load_synthetic(rm.SYNTHETIC_ROUNDS[:int(val)]) if int(val) else ([], np.zeros((0, 6)))
        elif key in ("gate", "prefix"):
            out[key] = val
        elif key == "families":  # rule families of themes/rules.toml, joined by "+"
            out[key] = tuple(filter(None, val.split("+")))
        elif key == "balanced":
            out[key] = val in ("1", "true")
        else:
            out[key] = float(val)
    return out


def _question_scores(model: dict, questions) -> np.ndarray:
    """Per question, each label's best request-clause score (what ``predict`` compares with the thresholds)."""
    from ..themes import request_model as rm
    texts, _, owner = rm.clauses_of(questions)
    proba = rm.clause_scores(model, texts) if texts else np.zeros((0, len(rm.LABELS)))
    return rm.stacked_scores(model, proba, owner, len(questions), texts)


def repeated_cv(train, params: dict, folds: int = 5, inner: int = 3, shuffles: int = 3) -> dict:
    """Out-of-fold predictions over ``shuffles`` random assignments of the train documents to ``folds`` folds, each
    training part trained as ``tdi-nlp train`` does (request_model.train_shipped: thresholds by ``inner`` folds):
    {(path, cuts): [prediction matrix per shuffle]}, path "E5" (``classify``) or "text" (extraction), cuts "own"
    (the thresholds the settings choose) or "other" (the same out-of-fold scores cut with the other ``undecided``
    choice: rule-decided questions in or out of the threshold search)."""
    from ..themes import request_model as rm
    groups = sorted({q.group for q in train})
    flip = {"E5": 1.0 - params.get("undecided", rm.UNDECIDED),
            "text": 1.0 - params.get("undecided_text", rm.UNDECIDED_TEXT)}
    out: dict = {}
    for s in range(shuffles):
        order = np.random.default_rng(s).permutation(len(groups))
        fold_of = {groups[g]: i % folds for i, g in enumerate(order)}
        fid = np.array([fold_of[q.group] for q in train])
        preds: dict = {}
        for f in range(folds):
            tr, te = np.flatnonzero(fid != f), np.flatnonzero(fid == f)
            model = rm.train_shipped([train[i] for i in tr], folds=inner, keep_oof=True, **params)
            for path, sub in (("E5", model), ("text", model.get("text"))):
                if sub is None:
                    continue
                scores = _question_scores(sub, [train[i] for i in te])
                own = np.array([sub["thresholds"][c] for c in rm.LABELS])
                y_oof, s_oof = sub["oof"]
                other = np.array(rm.choose_thresholds(y_oof, s_oof, params.get("floor", rm.FLOOR),
                                                      params.get("shared", rm.SHARED), flip[path]))
                for cuts, th in (("own", own), ("other", other)):
                    preds.setdefault((path, cuts), np.zeros((len(train), len(rm.LABELS)), dtype=bool))[te] = \
                        scores >= th
        for key, pred in preds.items():
            out.setdefault(key, []).append(pred)
    return out


def cv_summary(y: np.ndarray, preds: list[np.ndarray]) -> tuple[float, float, list[float], list[float]]:
    """Mean micro / macro F1 over the shuffles, the micro F1 of each shuffle, and per label the F1 of the counts
    pooled over the shuffles."""
    from ._metrics import prf
    each = [_micro_macro(y, p) for p in preds]
    per_label = [prf(*map(sum, zip(*[_counts(y, p, j) for p in preds])))[2] for j in range(y.shape[1])]
    return (float(np.mean([a for a, _ in each])), float(np.mean([b for _, b in each])), [a for a, _ in each],
            per_label)


def cv_errors(train, **params) -> None:
    """Out-of-fold false positives and misses per label (thresholds chosen on the same scores), each with the
    question's labels and its evidence for a miss, its request clauses for a false positive."""
    from ..themes import request_model as rm
    from ..themes.requests import find_requests
    y = rm.binarize([q.labels for q in train])
    proba = rm.out_of_fold(train, **params)
    th = rm.best_thresholds(y, proba)
    for j, lab in enumerate(rm.LABELS):
        pred = proba[:, j] >= th[j]
        print(f"== {lab}: threshold {th[j]:.2f}, fp {int((pred & (y[:, j] == 0)).sum())}, "
              f"fn {int((~pred & (y[:, j] == 1)).sum())}")
        for i in np.flatnonzero(pred != (y[:, j] == 1)):
            q = train[i]
            ev = [q.text[s:e] for code, s, e in q.evidence if code == lab]
            clause = ev[0] if ev and not pred[i] else " | ".join(r.text for r in find_requests(q.text))
            kind = "FP" if pred[i] else "FN"
            print(f"  {kind} {proba[i, j]:.2f} [{','.join(q.labels)}] {' '.join(clause.split())[:300]}")


def run_cv(args) -> int:
    from ..themes import request_model as rm
    train = rm.load_questions("train")
    print(f"{len(train)} train questions; test split not read")
    if args.errors:
        cv_errors(train, **(parse_set(args.cv_set[0]) if args.cv_set else {}))
        return 0
    y = rm.binarize([q.labels for q in train])
    for text in args.cv_set or [""]:
        params = parse_set(text)
        res = repeated_cv(train, params, args.folds, args.inner_folds, args.shuffles)
        for (path, cuts), preds in res.items():
            mi, ma, each, per_label = cv_summary(y, preds)
            key = "undecided" if path == "E5" else "undecided_text"
            on = params.get(key, getattr(rm, key.upper()))
            if cuts == "other":
                on = 1.0 - on
            print(f"CV {args.folds}-fold x{args.shuffles} shuffles (TUNED-ON) [{text or 'shipped settings'}] "
                  f"{path} path, cuts {'on undecided questions' if on else 'on all questions'}"
                  f"{'' if cuts == 'own' else ' (re-cut)'}: micro F1 {mi:.3f}, macro {ma:.3f}; per shuffle "
                  f"{' '.join(f'{x:.3f}' for x in each)}; per label "
                  + ", ".join(f"{c} {v:.3f}" for c, v in zip(rm.LABELS, per_label)), flush=True)
    return 0


def _micro_macro(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    from ._metrics import prf
    f1s = [prf(*_counts(y, pred, j))[2] for j in range(y.shape[1]) if y[:, j].any()]
    return prf(*_counts(y, pred))[2], float(np.mean(f1s)) if f1s else float("nan")


def _both(y: np.ndarray, pred: np.ndarray, first: np.ndarray, labels: list[str], title: str) -> tuple[float, ...]:
    """Per-label report on the whole test part, then one line on its first-round questions (the original 84)."""
    mi, ma = report(y, pred, labels, title)
    fi, fa = _micro_macro(y[first], pred[first])
    print(f"  {'original test part':<28} micro F1 {fi:.3f}, macro {fa:.3f}   ({int(first.sum())} questions, round 1)")
    return mi, ma, fi, fa


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
    if args.cv_only:
        with threadpool_limits(limits=1):
            return run_cv(args)
    train, test = rm.load_questions("train"), rm.load_questions("test")
    y = rm.binarize([q.labels for q in test])
    first = np.array([q.round == 1 for q in test])
    L = rm.LABELS
    print(f"{len(test)} test questions ({rm.REFERENCES}, split=test, frozen; {int(first.sum())} of them the original "
          f"test part, labelling round 1), model trained on {len(train)} train questions; "
          f"{int(y.any(axis=1).sum())} test questions have a theme")
    with threadpool_limits(limits=1):
        model = rm.train_shipped(train)
        res = {"model": _both(y, _predict(model, test), first, L, f"model {rm.VERSION} ({rm.describe()})")}
        if model.get("text"):
            res["text path"] = _both(y, _predict(model, test, embed=False), first, L,
                                     f"model {rm.VERSION}, text-only path taken by extraction ({rm.describe(0.0)})")
        prev9 = rm.train_shipped(train, question=0.0)
        res["2.9 settings"] = _both(y, _predict(prev9, test), first, L,
                                    "baseline: model 2.9's settings (2.10 without the question model) trained on "
                                    "the same train part")
        if prev9.get("text"):
            res["2.9 text path"] = _both(y, _predict(prev9, test, embed=False), first, L,
                                         "baseline: model 2.9's settings, text-only path")
        no_rules: dict = {"rule_add": 0.0, "rule_veto": 0.0}
        res["2.4 settings"] = _both(y, _predict(rm.train(train, **no_rules), test), first, L,
                                    "baseline: model 2.4's settings (2.6 without the rule layer) trained on the same "
                                    "train part")
        res["2.2 settings"] = _both(y, _predict(rm.train(train, syn_weight=0.0, gate="", e5=0.0, **no_rules), test),
                                    first, L, "baseline: model 2.2's settings (no synthetic clauses, no gate, no E5, "
                                    "no rule layer) trained on the same train part")
        prev = rm.train(train, C=0.1, cues=6.0, syn_weight=0.0, gate="", e5=0.0, **no_rules)
        res["2.1 settings"] = _both(y, _predict(prev, test), first, L,
                                    "baseline: model 2.1's settings (C=0.1, cues x6) trained on the same train part")
        kw_all = rm.binarize([m.keyword_labels(q.text) for q in test]).astype(bool)
        res["kw whole"] = _both(y, kw_all, first, L, "baseline: keyword cues on the whole question")
        kw_req = rm.binarize([sorted({lab for r in find_requests(q.text) for lab in m.keyword_labels(r.text)})
                              for q in test]).astype(bool)
        res["kw requests"] = _both(y, kw_req, first, L, "baseline: keyword cues on the request clauses")
        if not args.no_old_model:
            res["v1.1"] = _both(y, _old_model(test), first, L,
                                "baseline: model v1.1 (sentence classifier, max over sentences)")
        ytr = rm.binarize([q.labels for q in train])
        cvi, cva = report(ytr, cross_validate(train, args.folds, args.inner_folds), L,
                          f"model {rm.VERSION}, {args.folds}-fold GroupKFold CV on train (TUNED-ON: every model choice "
                          f"was made on these questions)")
        counts = ytr.sum(axis=0).astype(int), y.sum(axis=0).astype(int)
        print("  positives train / test: " + ", ".join(f"{c} {a}/{b}" for c, a, b in zip(L, *counts)))
    print("summary (test, all / original 84): " + "; ".join(
        f"{name} {v[0]:.3f} / {v[2]:.3f} (macro {v[1]:.3f} / {v[3]:.3f})" for name, v in res.items())
        + f"; CV on train (tuned-on) {cvi:.3f} / macro {cva:.3f}")
    return 0
