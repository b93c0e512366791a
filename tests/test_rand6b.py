"""Round 6 of the date rules from a uniformly drawn sample (issue 14, tests/data/eval/dev_random6b): bare seasons in
general ("capter l'eau l'hiver") and the verb "a été" are no DATE, "hier encore" with an imperfect is "until
recently", "de demain" after a dated event is the next day, "dès" is left out of "dès le début de", and "au cours des
trois dernières années" is a DURATION; "nous sommes dix signataires pour une ambition" is a COUNT, not a rate.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_random6b/README.md.
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2021-05-12", convention: str = "guide"):
        doc = annotate(dates_nlp, [text], [ref], convention=convention)[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc) if s.label_ in ("DATE", "DURATION")]
    return run


@pytest.mark.parametrize("text", [
    "Les réservoirs se remplissent surtout l'hiver et se vident l'été.",
    "Il faut stocker la pluie l'hiver pour arroser les champs l'été.",
    "Le texte qui a été voté reste en vigueur.",
    "Le contrat qui a été passé avec la commune est clair.",
    "Hier encore, ce métier passait pour un privilège.",
    "Hier encore, les usines du bassin fermaient les unes après les autres.",
])
def test_no_date(dates, text):
    assert dates(text) == []


@pytest.mark.parametrize("text, span", [
    ("Le plan a été arrêté dès l'été.", "l'été"),
    ("Les communes ont renégocié leurs contrats à l'automne.", "l'automne"),
    ("Les prix montent à mesure que l'hiver approche.", "l'hiver"),
    ("L'hiver sera long pour les ménages modestes.", "L'hiver"),
    ("Nos échanges de demain porteront sur la pêche.", "demain"),
    ("Hier encore, la préfète a réuni les maires.", "Hier"),
    ("Dès le début de cette année, la mesure s'applique.", "le début de cette année"),
])
def test_date_span(dates, text, span):
    assert [t for lab, t, _ in dates(text) if lab == "DATE"] == [span]


def test_tomorrow_of_a_dated_event(dates):
    (_, _, value), = dates("La séance de demain sera consacrée au budget.")
    assert value["start"] == "2021-05-13"


def test_generic_tomorrow_still_none(dates):
    assert dates("Les métiers de demain demandent de nouvelles formations.") == []


@pytest.mark.parametrize("text, span, iso", [
    ("Au cours des trois dernières années, le chômage a baissé.", "trois dernières années", "P3Y"),
    ("Lors des deux premières semaines, les ventes ont doublé.", "deux premières semaines", "P2W"),
])
def test_duration_after_des(dates, text, span, iso):
    assert [(t, v["duration"]) for lab, t, v in dates(text) if lab == "DURATION"] == [(span, iso)]


def test_vague_recent_period_still_none(dates):
    assert dates("Au cours des derniers mois, la situation a changé.") == []


@pytest.mark.parametrize("text, span, mod", [
    ("La première pierre sera posée avant la fin de l'année 2022.", "la fin de l'année 2022", "end"),
    ("Le rapport sera rendu avant la fin d'année.", "la fin d'année", "end"),
    ("Le décret paraîtra d'ici la fin de l'année 2022.", "d'ici la fin de l'année 2022", "by"),
])
def test_before_the_end_of_a_year(dates, text, span, mod):
    assert [(t, v.get("mod")) for lab, t, v in dates(text) if lab == "DATE"] == [(span, mod)]


def test_by_a_year_is_that_year(dates):
    assert [t for lab, t, _ in dates("La neutralité sera atteinte d'ici à 2040.") if lab == "DATE"] == ["2040"]


@pytest.mark.parametrize("text, span, n", [
    ("Nous sommes douze signataires pour une Europe plus sobre.", "douze signataires", 12),
    ("Elles étaient huit élues pour une cause commune.", "huit élues", 8),
])
def test_people_counted_by_etre_before_pour_un(quantities, text, span, n):
    assert [(t, v["count"]) for t, v in quantities(text, "COUNT")] == [(span, n)]


def test_rate_per_one_still_no_count(quantities):
    assert quantities("La caisse compte trois cotisants pour un retraité.", "COUNT") == []


@pytest.mark.parametrize("text, span", [
    ("À la fin de l'été, la mesure sera prolongée.", "la fin de l'été"),
    ("Au cours de l'hiver, les prix ont monté.", "l'hiver"),
])
def test_season_after_de(dates, text, span):
    assert [t for lab, t, _ in dates(text) if lab == "DATE"] == [span]
