"""Bounded time on any input (issue 15): the tokenizer guard, and a COMPLEXITY test over generated texts.

The complexity test is not a speed benchmark: for each generated pattern it times the whole ``tdi_nlp.extract``
at two sizes and asserts that doubling the size at most triples the time (plus an absolute slack for noise).
A quadratic path shows as a factor of about 4.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy

import tdi_nlp
from tdi_nlp.readers import read_path
from tdi_nlp.tokens import CHUNK_MAX, PIECE, RUN_MIN, make_doc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


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


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("fr")


# -- tokenizer guard ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "€" * 100, "Le coût : " + "€" * 40 + " puis 3 %.", "(" * 50 + "texte" + ")" * 50, "a" + "%" * 33 + "\n\nb",
    "x " + "\U0001F600" * 64 + "  y", "=" * 32, "=" * 31 + " fin", "*" * 40 + " " + "#" * 40 + "\t" + "'" * 40,
], ids=lambda t: repr(t[:12]))
def test_guard_keeps_the_text(blank, text):
    doc = make_doc(blank, text)
    assert doc.text == text
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)


def test_guard_cuts_a_run_into_short_tokens(blank):
    text = "Avant " + "€" * 100 + " après"
    doc = make_doc(blank, text)
    run = [t.text for t in doc if set(t.text) == {"€"}]
    assert "".join(run) == "€" * 100
    assert all(len(t) <= PIECE for t in run) and len(run) == 100 // PIECE + 1
    assert doc[0].text == "Avant" and doc[-1].text == "après"
    assert run and doc[len(doc) - 2].whitespace_ == " "   # the space after the run stays a trailing space


def test_guard_slices_an_overlong_chunk(blank):
    text = "Début " + "l'" * 1000 + " fin"
    doc = make_doc(blank, text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= CHUNK_MAX
    assert doc[0].text == "Début" and doc[-1].text == "fin"


def test_guard_fast_path_is_the_stock_tokenizer(blank):
    text = "Le 24 septembre 2019, 124 territoires (dont 3 %) : « € » ; " + "€" * (RUN_MIN - 1)
    assert [t.text for t in make_doc(blank, text)] == [t.text for t in blank.make_doc(text)]


def test_guard_on_the_corpus_and_an_questions(nlp, shared_dir):
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    files += sorted((shared_dir / "data" / "corpora" / "an-qag-l16" / "json").glob("*.json"))[:200]
    texts = [d.text for f in files for d in read_path(f).documents]
    assert len(texts) >= 200
    for text in texts:
        doc = make_doc(nlp, text)
        assert doc.text == text
        assert [t.text for t in doc] == [t.text for t in nlp.make_doc(text)]


# -- complexity -----------------------------------------------------------------------------------------------
def _seconds(nlp, text: str) -> float:
    t = time.perf_counter()
    tdi_nlp.extract(text, nlp=nlp)
    return time.perf_counter() - t


@pytest.mark.parametrize("name", list(PATTERNS))
def test_complexity_near_linear(nlp, name):
    """COMPLEXITY (not speed): t(2n) <= 3 t(n) + 0.5 s for the whole extraction of a generated text."""
    n = 20_000 if name in LARGE else 10_000
    _seconds(nlp, "Le 1er janvier 2019, 3 millions d'euros.")   # warm-up: lazily built tables
    small = _seconds(nlp, PATTERNS[name](n))
    large = _seconds(nlp, PATTERNS[name](2 * n))
    assert large <= 3 * small + 0.5, f"{name}: {small:.2f} s at {n} chars, {large:.2f} s at {2 * n}"
