"""Round 7 rules for the number, date and place labels from a uniformly drawn sample (issue 14,
tests/data/eval/dev_random7a): a day-month after a demonstrative is this year's and keeps "ce" in its span,
"depuis" puts a day-month in the past, "il y a (un peu) moins d'un an" is one DATE, "après quarante ans de drames"
is a length, not an age, "les dix prochaines années" leaves its article out; a bare number after "puis" counts the
noun of the count before, "de milliers de" is a vague count, "qu'un X pour N Y" is a rate, "demandeurs d'emploi" is
one unit; continents with a compass qualifier ("Afrique centrale") are places, and so is the Tigré, while names
listed after a comma with no place before them and "la Françafrique" are not.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_random7a/README.md.
"""
from __future__ import annotations

import pytest

from conftest import guide_dates, linked


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2023-02-15"):
        return guide_dates(dates_nlp, text, ref)
    return run


@pytest.fixture(scope="module")
def places_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


# -- dates -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, day", [
    ("Ce vendredi 3 mars, les maires seront reçus à la préfecture.", "Ce vendredi 3 mars", "2023-03-03"),
    ("Mais ce 3 mars ne sera pas un jour comme les autres.", "ce 3 mars", "2023-03-03"),
    ("Le 8 mars 1972, la loi fut votée ; cet autre 8 mars, nous la célébrons encore.", "cet autre 8 mars",
     "2023-03-08"),
])
def test_a_demonstrative_day_is_this_years(dates, text, span, day):
    got = {t: v["start"] for lab, t, v in dates(text) if lab == "DATE"}
    assert got[span] == day


def test_a_day_written_in_full_before_still_gives_its_year(dates):
    got = [(t, v["start"]) for lab, t, v in dates("Le 8 mars 1972, la loi fut votée. Le 8 mars, elle s'appliqua.")]
    assert got == [("Le 8 mars 1972", "1972-03-08"), ("Le 8 mars", "1972-03-08")]


@pytest.mark.parametrize("text, day", [
    ("La classe n'a plus d'institutrice depuis le 12 décembre.", "2022-12-12"),
    ("Le gymnase reste fermé depuis le 20 novembre, faute de chauffage.", "2022-11-20"),
])
def test_since_a_day_month_is_in_the_past(dates, text, day):
    (_, _, value), = dates(text)
    assert value["start"] == day and value["inferred_year"]


def test_a_future_day_month_stays_this_year(dates):
    (_, _, value), = dates("Le gymnase rouvrira le 20 novembre.")
    assert value["start"] == "2023-11-20"


@pytest.mark.parametrize("text, span", [
    ("Il y a un peu moins d'un an, la commune perdait son usine.", "Il y a un peu moins d'un an"),
    ("Il y a un peu plus d'un an, la commune perdait son usine.", "Il y a un peu plus d'un an"),
    ("Il y a près d'une semaine, le préfet est venu.", "Il y a près d'une semaine"),
    ("Il y a un peu plus de deux ans, le site a fermé.", "Il y a un peu plus de deux ans"),
])
def test_ago_with_a_qualifier_is_one_date(dates, text, span):
    assert [(lab, t) for lab, t, _ in dates(text)] == [("DATE", span)]


@pytest.mark.parametrize("text, span, iso", [
    ("Après trente ans de fermetures, la vallée retrouve des usines.", "trente ans", "P30Y"),
    ("Après vingt-cinq ans de négociations, l'accord est signé.", "vingt-cinq ans", "P25Y"),
    ("Les prix vont doubler dans les dix prochaines années.", "dix prochaines années", "P10Y"),
    ("Ces cinq dernières années, trois ateliers ont ouvert.", "cinq dernières années", "P5Y"),
    ("Nous suivrons les élèves pendant leurs deux premières années.", "leurs deux premières années", "P2Y"),
])
def test_durations(dates, text, span, iso):
    assert [(t, v["duration"]) for lab, t, v in dates(text) if lab == "DURATION"] == [(span, iso)]


@pytest.mark.parametrize("text", [
    "Il a pris sa retraite après 62 ans.",
    "Elle partira après 60 ans de toute façon.",
])
def test_ages_after_apres_stay_ages(dates, text):
    assert [f for f in dates(text) if f[0] == "DURATION"] == []


# -- counts ------------------------------------------------------------------------------------------------------

def test_a_bare_number_after_puis_counts_the_noun_before(quantities):
    text = ("Le chantier fera travailler 400 ouvriers au total : 300 ouvriers dès l'an prochain, puis 100 à partir "
            "de 2026.")
    assert [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")] == [
        ("400 ouvriers", 400, "ouvrier"), ("300 ouvriers", 300, "ouvrier"), ("100", 100, "ouvrier")]


def test_a_year_after_puis_is_no_count(quantities):
    assert quantities("Le taux est passé à 120 en 2019, puis 2020 a été difficile.", "COUNT")[1:] == []


def test_thousands_after_de_are_a_vague_count(quantities):
    (span, value), = quantities("La crue a provoqué l'évacuation de milliers d'habitants.", "COUNT")
    assert span == "milliers d'habitants" and value["count"] is None and value["unit"] == "habitant"


@pytest.mark.parametrize("text", [
    "Il n'y a qu'un poste ouvert pour douze candidats dans le département.",
    "On compte un seul médecin pour 4 000 habitants.",
])
def test_one_thing_for_n_others_is_a_rate(quantities, text):
    assert quantities(text, "COUNT") == []


def test_one_plan_for_n_communes_is_a_count(quantities):
    assert [t for t, _ in quantities("Un plan pour 300 communes a été lancé.", "COUNT")] == ["300 communes"]


@pytest.mark.parametrize("text, span, unit", [
    ("Le dispositif a aidé 12 000 demandeurs d'emploi de la région.", "12 000 demandeurs d'emploi",
     "demandeur d'emploi"),
    ("Le ministère a soumis trois projets d'arrêté à la consultation.", "trois projets d'arrêté", "projet d'arrêté"),
    ("Deux projets de loi seront examinés.", "Deux projets de loi", "projet de loi"),
])
def test_fixed_terms(quantities, text, span, unit):
    assert [(t, v["unit"]) for t, v in quantities(text, "COUNT")] == [(span, unit)]


# -- places ------------------------------------------------------------------------------------------------------

def test_continents_with_a_compass_qualifier(places_nlp):
    text = ("La ministre s'est rendue en Afrique centrale, puis en Afrique de l'Est et en Asie du Sud-Est ; la "
            "guerre du Tigré inquiète.")
    assert linked(places_nlp, text, "TERRITORY") == [
        ("Afrique centrale", None), ("Afrique de l'Est", None), ("Asie du Sud-Est", None), ("Tigré", None)]


def test_names_listed_after_a_comma_with_no_place_are_no_places(places_nlp):
    text = ("Raharianne, Anchaing, Cimendef, Matouté, Maffack : ces résistants ont brisé leurs chaînes. Le "
            "Président a renforcé la Françafrique au Gabon.")
    assert linked(places_nlp, text, "TERRITORY") == [("Gabon", "country:GA")]


def test_a_paragraph_after_a_comma_opens_with_no_place(places_nlp):
    text = "Mesdames et messieurs, chers amis,\n\nVenir à votre rencontre à Bourges est un plaisir."
    assert linked(places_nlp, text, "TERRITORY") == [("Bourges", "commune:18033")]


def test_a_list_after_a_place_keeps_its_places(places_nlp):
    text = "La délégation ira à Kharkiv, Odessa et Lviv, puis à Paris, Berlin, Londres."
    assert [t for t, _ in linked(places_nlp, text, "TERRITORY")] == [
        "Kharkiv", "Odessa", "Lviv", "Paris", "Berlin", "Londres"]
