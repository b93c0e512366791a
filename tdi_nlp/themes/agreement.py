"""Inter-annotator agreement on the labeled references: Cohen's kappa per label and pooled over labels.

Computed from the ``annotations`` of the references (dataset.py): A1 and A2, the two independent annotations of the
double-annotated sentences, and the blind labels of the round-5 annotators (R5-1, R5-2) on some of them.
"""
from __future__ import annotations

import numpy as np

from .dataset import annotations, double_annotated, load_references


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two binary decision vectors (1.0 when both are constant and equal)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    po = float((a == b).mean())
    pa, pb = float(a.mean()), float(b.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1.0 else (po - pe) / (1 - pe)


def aligned(refs: list[dict], first: str, second: str) -> tuple[list[list[str]], list[list[str]]]:
    """The label lists of two annotators (or "labels", the final ones) on the references both labeled, in order."""
    def of(who):
        return {r["id"]: r["labels"] for r in refs} if who == "labels" else annotations(refs, who)
    a, b = of(first), of(second)
    ids = [r["id"] for r in refs if r["id"] in a and r["id"] in b]
    return [a[i] for i in ids], [b[i] for i in ids]


def agreement(labels: list[str], first: list[list[str]], second: list[list[str]]) -> dict:
    """{"n", "per_label": {label: {"kappa", "agree", "first", "second"}}, "pooled_kappa", "exact", "f1"}.

    f1 is the micro F1 of the second annotation scored against the first (symmetric).
    """
    A = np.array([[lab in labs for lab in labels] for labs in first], dtype=bool)
    B = np.array([[lab in labs for lab in labels] for labs in second], dtype=bool)
    per = {lab: {"kappa": cohen_kappa(A[:, j], B[:, j]), "agree": float((A[:, j] == B[:, j]).mean()),
                 "first": int(A[:, j].sum()), "second": int(B[:, j].sum())} for j, lab in enumerate(labels)}
    both = int((A & B).sum())
    return {"n": len(first), "per_label": per, "pooled_kappa": cohen_kappa(A.ravel(), B.ravel()),
            "exact": float((A == B).all(axis=1).mean()),
            "f1": 2 * both / (A.sum() + B.sum()) if A.sum() + B.sum() else 1.0}


def report(labels: list[str], refs: list[dict] | None = None) -> dict:
    """Agreement of the two annotations, of each with the adjudicated labels, and of the round-5 blind check."""
    refs = load_references() if refs is None else refs
    double = double_annotated(refs)
    blind = [{**r, "annotations": [a for a in r["annotations"] if a.get("blind")]} for r in double]
    return {"first_vs_second": agreement(labels, *aligned(double, "A1", "A2")),
            "first_vs_adjudicated": agreement(labels, *aligned(double, "A1", "labels")),
            "second_vs_adjudicated": agreement(labels, *aligned(double, "A2", "labels")),
            "single_vs_adjudicated": agreement(labels, *aligned(blind, "labels", "R5"))}
