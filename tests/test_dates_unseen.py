"""DATE / DURATION rules for unseen text (issue 14): vague periods, offsets, times of day, ages, relative dates.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md, and French TimeBank's where
the two disagree (see tests/data/eval/dev_dates/README.md).
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate


@pytest.fixture(scope="module")
def dates_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_dates"])


@pytest.fixture(scope="module")
def extract(dates_nlp):
    def run(text: str, ref: str | None = "2021-03-10", label: str | None = None):
        doc = annotate(dates_nlp, [text], [ref])[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc, label)]
    return run


@pytest.mark.parametrize("text", [
    "Le comité se réunira dans les prochaines semaines.",
    "Les prochains mois diront si la mesure suffit.",
    "Au cours du précédent quinquennat, la loi a changé.",
    "Depuis le début du quinquennat, trois plans ont été lancés.",
    "Le bureau ferme à 18 heures.",
    "La nouvelle est tombée il y a 20 minutes.",
    "L'aide vise un apprenti de plus de 18 ans.",
    "Une voisine d'une quarantaine d'années a témoigné.",
    "2019 fut une année difficile pour la filière.",
])
def test_not_durations(extract, text):
    assert [f for f in extract(text) if f[0] == "DURATION"] == []


@pytest.mark.parametrize("text, span, duration", [
    ("Ces derniers jours, le préfet a reçu les élus.", "Ces derniers jours", "PXD"),  # TimeBank's convention
    ("Ils militent pour un quinquennat de cohérence.", "quinquennat", "P5Y"),
    ("La concertation a duré une quinzaine de jours.", "une quinzaine de jours", "P15D"),
    ("L'usine a été ouverte il y a quelques mois.", "quelques mois", "PXM"),  # TimeBank's convention
    ("Le délai est de plus de 2 ans pour un dossier.", "2 ans", "P2Y"),
    ("Le débat a duré 3 heures.", "3 heures", "PT3H"),
])
def test_durations_kept(extract, text, span, duration):
    found = [(t, v["duration"]) for label, t, v in extract(text) if label == "DURATION"]
    assert found == [(span, duration)]


@pytest.mark.parametrize("text, span, start, granularity", [
    ("Le pont a été inauguré il y a un siècle.", "il y a un siècle", "1921-01-01", "year"),
    ("Je les ai reçus il y a tout juste cinq jours.", "il y a tout juste cinq jours", "2021-03-05", "day"),
    ("La loi a été votée il y a plus de deux ans.", "il y a plus de deux ans", "2019-03-01", "month"),
])
def test_offsets_are_dates(extract, text, span, start, granularity):
    assert [(t, v["start"], v["granularity"]) for _, t, v in extract(text)] == [(span, start, granularity)]
