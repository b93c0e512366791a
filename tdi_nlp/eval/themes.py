"""``tdi-nlp eval themes``: cross-validated quality of the Territoires d'industrie theme classifier.

Sentences of models/labels/tdi_sentences.jsonl with their final labels (``--labels adjudicated`` for the
double-annotated set alone, ``first|second`` for one of its annotations, A1 or A2), resolved from ../shared; GroupKFold by source document (no document has sentences on both sides); in each outer fold
the model is trained and its thresholds chosen on the training part only (inner out-of-fold predictions). Baseline:
the theme cue lists (keyword match). Also prints the inter-annotator agreement (Cohen's kappa) of the two
annotations before adjudication, the ceiling that label noise puts on any model.
"""
from __future__ import annotations

import numpy as np

NAME = "themes"
HELP = "theme classifier (taxonomy tdi): cross-validated per-label P/R/F1 vs a keyword baseline"


def add_arguments(parser) -> None:
    parser.add_argument("--folds", type=int, default=5, help="outer folds (default 5)")
    parser.add_argument("--inner-folds", type=int, default=3, help="folds to choose thresholds (default 3)")
    parser.add_argument("--labels", choices=["all", "adjudicated", "first", "second"], default="all",
                        help="which annotation to evaluate against (default: all = adjudicated + single)")


def _counts(y: np.ndarray, pred: np.ndarray, j: int | None = None) -> tuple[int, int, int]:
    yy, pp = (y, pred) if j is None else (y[:, j], pred[:, j])
    return int((pp & (yy == 1)).sum()), int((pp & (yy == 0)).sum()), int((~pp & (yy == 1)).sum())


def report(y: np.ndarray, pred: np.ndarray, labels: list[str], title: str) -> tuple[float, float]:
    from ._metrics import fmt_row, prf
    print(title)
    f1s = []
    for j, lab in enumerate(labels):
        tp, fp, fn = _counts(y, pred, j)
        f1s.append(prf(tp, fp, fn)[2])
        print("  " + fmt_row(lab, tp, fp, fn))
    tp, fp, fn = _counts(y, pred)
    print("  " + fmt_row("micro", tp, fp, fn))
    micro, macro = prf(tp, fp, fn)[2], float(np.mean(f1s))
    print(f"  {'macro F1':<28} {macro:.3f}")
    return micro, macro


def print_agreement(labels: list[str]) -> float:
    from ..themes.agreement import report as agreement_report
    rep = agreement_report(labels)
    ag = rep["first_vs_second"]
    print(f"inter-annotator agreement, before adjudication ({ag['n']} sentences, first vs second annotation)")
    for lab, d in ag["per_label"].items():
        print(f"  {lab:<16} kappa {d['kappa']:.3f}  raw agreement {d['agree']:.3f}  "
              f"(positives {d['first']} / {d['second']})")
    print(f"  {'pooled':<16} kappa {ag['pooled_kappa']:.3f}  identical label sets {ag['exact']:.3f}  "
          f"micro F1 of one vs the other {ag['f1']:.3f}")
    for name in ("first", "second"):
        d = rep[f"{name}_vs_adjudicated"]
        print(f"  {name} annotation vs adjudicated: pooled kappa {d['pooled_kappa']:.3f}, micro F1 {d['f1']:.3f}")
    d = rep["single_vs_adjudicated"]
    print(f"  round-5 annotators, blind, on {d['n']} adjudicated sentences: pooled kappa {d['pooled_kappa']:.3f}, "
          f"micro F1 {d['f1']:.3f}")
    return ag["f1"]


def run(args) -> int:
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    from ..config import settings
    from ..themes import model as m
    from ..themes import sources
    from ..themes.dataset import SENTENCES, annotations, double_annotated, load_references, resolve

    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"eval themes: ../shared is absent ({settings.shared_dir}); nothing to evaluate")
        return 0
    which = getattr(args, "labels", "all")
    refs = load_references(SENTENCES)
    if which != "all":
        refs = double_annotated(refs)
    if which in ("first", "second"):
        given = annotations(refs, "A1" if which == "first" else "A2")
        refs = [{**r, "labels": given[r["id"]]} for r in refs]
    examples = resolve(refs)
    texts = [e.text for e in examples]
    groups = [e.group for e in examples]
    y = m.binarize([e.labels for e in examples])
    pred = np.zeros(y.shape, dtype=bool)
    with threadpool_limits(limits=1):
        for tr, te in GroupKFold(n_splits=args.folds).split(texts, y, groups):
            tr_texts = [texts[i] for i in tr]
            inner = m.out_of_fold(tr_texts, y[tr], [groups[i] for i in tr], folds=args.inner_folds)
            thresholds = np.array(m.best_thresholds(y[tr], inner))
            pipe = m.build_pipeline().fit(tr_texts, y[tr])
            pred[te] = pipe.predict_proba([texts[i] for i in te]) >= thresholds
    base = m.binarize([m.keyword_labels(t) for t in texts]).astype(bool)
    n_docs = len(set(groups))
    print(f"{len(examples)} labeled sentences ({SENTENCES}, labels: {which}) from {n_docs} documents; "
          f"{args.folds}-fold GroupKFold by document")
    mi, ma = report(y, pred, m.LABELS, "model (TF-IDF words + cues + word vectors, one-vs-rest LR, tuned thresholds)")
    bmi, bma = report(y, base, m.LABELS, "baseline (keyword cues)")
    iaa = print_agreement(m.LABELS)
    print(f"summary: micro F1 {mi:.3f} (baseline {bmi:.3f}), macro F1 {ma:.3f} (baseline {bma:.3f}); "
          f"inter-annotator micro F1 {iaa:.3f}")
    return 0
