"""``tdi-nlp bench --complexity``: time of the whole extraction at two sizes of generated pathological texts.

For each pattern (runs of one character, repeated cue words, nested brackets...) the extraction of a text of n and
of 2n characters is timed; doubling the size should at most triple the time (a quadratic path shows as about 4).
Timing belongs here, not in the tests: tests/test_pathological.py runs the same patterns for correctness only.
"""
from __future__ import annotations

import time

from .extraction import extract
from .pipeline import load


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# name -> text of about n characters. "large": timed at 20 and 40 KB (fast everywhere), else at 10 and 20 KB.
PATTERNS = {
    "spaces": _repeat(" "),
    "spaces then newline": lambda n: " " * (n - 1) + "\n",
    "1 1 1": _repeat("1 "),
    "1,5,1,5": _repeat("1,5,"),
    "1-1-1": _repeat("1-"),
    "1.1.1": _repeat("1."),
    "month names": _repeat("janvier "),
    "de de de": _repeat("de "),
    "one line without spaces": _repeat("abcdefghij0123456789-_/.:"),
    "newlines": _repeat("\n"),
    "hyphens": _repeat("-"),
    "euro signs with spaces": _repeat("€ "),
    "euro signs": _repeat("€"),
    "percent signs": _repeat("%"),
    "apostrophes": _repeat("'"),
    "equals signs": _repeat("="),
    "stars": _repeat("*"),
    "hashes": _repeat("#"),
    "emoji": _repeat("\U0001F600"),
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n - n // 2),
    "nested square brackets": lambda n: "[" * (n // 2) + "]" * (n - n // 2),
    "M. M. M.": _repeat("M. "),
    "Mme la ministre": _repeat("Mme la ministre "),
    "ministries": _repeat("le ministère de l'économie et "),
    "Markdown table": _repeat("| 1 | 2019 | 3 % | 4 M€ |\n"),
    "Markdown headings": _repeat("# Titre 1er janvier 2019\n"),
    "one word": _repeat("a"),
    "l'l'l'": _repeat("l'"),
    "a-a-a": _repeat("a-"),
    "hyphens and newlines": _repeat("-\n"),
    "emphasis": _repeat("*a* "),
    "place names": _repeat("Paris "),
    "amounts": _repeat("1 € "),
    "percentages": _repeat("1 % "),
    "dates": _repeat("1er janvier 2019, "),
}
LARGE = {"spaces", "spaces then newline", "1,5,1,5", "1.1.1", "one line without spaces", "newlines", "hyphens",
         "euro signs", "percent signs", "apostrophes", "equals signs", "stars", "hashes", "emoji",
         "nested brackets", "nested square brackets", "one word"}


def _seconds(nlp, text: str) -> float:
    t = time.perf_counter()
    extract(text, nlp=nlp)
    return time.perf_counter() - t


def run_complexity(names: list[str] | None = None) -> int:
    """Print t(n), t(2n) and their ratio per pattern; exit code 1 when a ratio exceeds 3 (+0.5 s of slack)."""
    nlp = load()
    _seconds(nlp, "Le 1er janvier 2019, 3 millions d'euros.")   # warm-up: lazily built tables
    worst = 0
    print(f"{'pattern':28} {'n':>7} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for name in names or list(PATTERNS):
        n = 20_000 if name in LARGE else 10_000
        small = _seconds(nlp, PATTERNS[name](n))
        large = _seconds(nlp, PATTERNS[name](2 * n))
        bad = large > 3 * small + 0.5
        worst |= bad
        print(f"{name:28} {n:>7} {small:8.2f} {large:8.2f} {large / max(small, 1e-9):6.2f}{'  TOO SLOW' if bad else ''}")
    return int(worst)
