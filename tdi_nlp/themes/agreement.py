"""Inter-annotator agreement on the labeled references: Cohen's kappa per label and pooled over labels."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .dataset import CHECK_FILE, FIRST_FILE, LABELS_FILE, SECOND_FILE, load_references


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two binary decision vectors (1.0 when both are constant and equal)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    po = float((a == b).mean())
    pa, pb = float(a.mean()), float(b.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1.0 else (po - pe) / (1 - pe)


def aligned(first: Path | str = FIRST_FILE,
            second: Path | str = SECOND_FILE) -> tuple[list[list[str]], list[list[str]]]:
    """The label lists of two annotation files, checked to reference the same spans in the same order."""
    ra, rb = load_references(first), load_references(second)
    key = lambda r: (r["source"], r["doc"], r["sha1"])  # noqa: E731
    if [key(r) for r in ra] != [key(r) for r in rb]:
        raise ValueError(f"{first} and {second} do not reference the same sentences in the same order")
    return [r["labels"] for r in ra], [r["labels"] for r in rb]


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


def report(labels: list[str]) -> dict:
    """Agreement of the two annotations, and of each with the adjudicated labels."""
    first, second = aligned(FIRST_FILE, SECOND_FILE)
    _, adjudicated = aligned(FIRST_FILE, LABELS_FILE)
    adj = {(r["source"], r["doc"], r["sha1"]): r["labels"] for r in load_references(LABELS_FILE)}
    check = [r for r in load_references(CHECK_FILE) if (r["source"], r["doc"], r["sha1"]) in adj]
    return {"first_vs_second": agreement(labels, first, second),
            "first_vs_adjudicated": agreement(labels, first, adjudicated),
            "second_vs_adjudicated": agreement(labels, second, adjudicated),
            "single_vs_adjudicated": agreement(labels, [adj[(r["source"], r["doc"], r["sha1"])] for r in check],
                                               [r["labels"] for r in check])}
