"""Shared scoring helpers for the evaluation suites."""
from __future__ import annotations


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def fmt_row(name: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"{name:<28} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"
