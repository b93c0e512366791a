"""Dates and durations of the five seed documents, checked by reading them (corpus/000..004)."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate

# Document dates: 000 has none inside (the year of "le 2 juillet" comes from the text), 001 is the question
# of 2019-03-05 (its "aujourd'hui"), 002 the press release of 2019-09-24, 003 a dossier of about February
# 2019, 004 the minutes of 5-6 March 2019.
REFS = {"000": None, "001": "2019-03-05", "002": "2019-09-24", "003": "2019-02-01", "004": "2019-03-06"}

EXPECTED_DATES = {
    "000": [
        ("Le 5 et 6 mars 2019", "2019-03-05", "2019-03-06"),
        ("Du 18 au 24 mars 2019", "2019-03-18", "2019-03-24"),
        ("l'automne 2018", "2018-09-23", "2018-12-20"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("le 2 juillet", "2019-07-02", "2019-07-02"),
    ],
    "001": [
        ("aujourd'hui", "2019-03-05", "2019-03-05"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("le 22 novembre", "2018-11-22", "2018-11-22"),
        ("5 mars", "2019-03-05", "2019-03-05"),
        ("5 mars 2019", "2019-03-05", "2019-03-05"),
        ("16 avril 2019", "2019-04-16", "2019-04-16"),
    ],
    "002": [
        ("le 24 septembre 2019", "2019-09-24", "2019-09-24"),
        ("le 22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("le 24 septembre", "2019-09-24", "2019-09-24"),
        ("d'ici la fin de l'année", "2019-09-24", "2019-12-31"),
    ],
    "003": [
        ("le 22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("le 22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("janvier 2019", "2019-01-01", "2019-01-31"),
        ("le premier semestre 2019", "2019-01-01", "2019-06-30"),
        ("30 avril prochain", "2019-04-30", "2019-04-30"),
        ("janvier 2019", "2019-01-01", "2019-01-31"),
    ],
    "004": [
        ("5-6 mars 2019", "2019-03-05", "2019-03-06"),
        ("5 mars après-midi", "2019-03-05", "2019-03-05"),
        ("5 & 6 MARS 2019", "2019-03-05", "2019-03-06"),
        ("18 au 24 mars 2019", "2019-03-18", "2019-03-24"),
        ("22 novembre 2018", "2018-11-22", "2018-11-22"),
        ("Janvier 2019", "2019-01-01", "2019-01-31"),
        ("Février 2019", "2019-02-01", "2019-02-28"),
    ],
}

EXPECTED_DURATIONS = {
    "000": [],
    "001": [],
    # "les prochaines semaines" is a vague period, not a DURATION (tests/data/eval/blind/GUIDE.md; issue 14)
    "002": [("dix mois", "P10M"), ("Dix mois", "P10M"), ("2 ans", "P2Y")],
    "003": [("un an", "P1Y")],
    "004": [],
}


@pytest.fixture(scope="module")
def seed_docs(corpus_dir):
    from tdi_nlp.pipeline import load
    try:
        from tdi_nlp.normalize import normalize
    except ImportError:  # the normalizer is optional here: the grammar reads raw text too
        normalize = None
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) == 5
    texts = [f.read_text(encoding="utf-8") for f in files]
    if normalize is not None:
        texts = [normalize(t).text for t in texts]
    docs = annotate(load(["tdi_dates"]), texts, [REFS[f.name[:3]] for f in files])
    return {f.name[:3]: d for f, d in zip(files, docs)}


@pytest.mark.parametrize("seed", sorted(EXPECTED_DATES))
def test_seed_dates(seed_docs, seed):
    got = [(s.text, s._.value["start"], s._.value["end"]) for s in facts(seed_docs[seed], "DATE")]
    assert got == EXPECTED_DATES[seed]


@pytest.mark.parametrize("seed", sorted(EXPECTED_DURATIONS))
def test_seed_durations(seed_docs, seed):
    got = [(s.text, s._.value["duration"]) for s in facts(seed_docs[seed], "DURATION")]
    assert got == EXPECTED_DURATIONS[seed]


def test_seed_numbers_are_not_dates(seed_docs):
    texts = {s.text for d in seed_docs.values() for s in facts(d, "DATE")}
    for bad in ("2026", "3606", "17519", "1,36", "85", "20", "15", "141", "124"):
        assert not any(t == bad or t.startswith(bad + " ") for t in texts), bad
