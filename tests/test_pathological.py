"""Bounded time on any input (issue 15): the tokenizer guard, and the generated pathological texts extracted cleanly.

How the time grows with the size of those texts is measured by ``tdi-nlp bench --complexity`` (tdi_nlp/bench_complexity.py),
not by a timed test.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import tdi_nlp
from tdi_nlp.bench_complexity import PATTERNS
from tdi_nlp.readers import read_path
from tdi_nlp.tokens import CHUNK_MAX, PIECE, RUN_MIN, make_doc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


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


# -- generated pathological texts (timed by `tdi-nlp bench --complexity`, never here) --------------------------
@pytest.mark.parametrize("name", list(PATTERNS))
def test_pathological_texts_extract_cleanly(nlp, name):
    """Each generated text goes through the whole extraction; every fact lies inside the text it quotes."""
    text = PATTERNS[name](2_000)
    (rec,) = tdi_nlp.extract(text, nlp=nlp)
    for e in rec["entities"]:
        assert 0 <= e["start"] < e["end"] <= len(rec["text"])
        assert rec["text"][e["start"]:e["end"]] == e["text"]
