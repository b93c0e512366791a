"""Round 2 of the number and date rules for unseen text (issue 14): the guide's DURATION convention beside
TimeML's, offsets, ages, rates, and counts and amounts whose form was misread.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md (see
tests/data/eval/dev_numbers2/README.md for the DURATION list) and of French TimeBank where the two disagree.
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate



@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, convention: str = "guide", ref: str = "2022-11-23"):
        doc = annotate(dates_nlp, [text], [ref], convention=convention)[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc)]
    return run



# -- the guide's convention and TimeML's ---------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Les incendies de ces derniers jours ont détruit la forêt.",
    "Des efforts ont été faits ces dernières années.",
    "La convention sera signée d'ici quelques semaines.",
    "Nous le préciserons au cours des mois à venir.",
])
def test_vague_periods_are_not_annotated_under_the_guide(dates, text):
    assert dates(text) == []


def test_timeml_keeps_its_durations(dates):
    assert [(f[0], f[1]) for f in dates("Ces derniers jours, le ministre a voyagé.", "timeml")] == [
        ("DURATION", "Ces derniers jours")]
    assert [(f[0], f[1]) for f in dates("La gare, inaugurée il y a quelques mois, ferme.", "timeml")] == [
        ("DURATION", "quelques mois")]
    assert [(f[0], f[1]) for f in dates("Le plan atteindra son but d'ici à dix ans.", "timeml")] == [
        ("DURATION", "dix ans")]


@pytest.mark.parametrize("text, span", [
    ("Le ministre s'est rendu sur place il y a quelques jours.", "il y a quelques jours"),
    ("Nous avons ouvert le site il y a une dizaine de jours.", "il y a une dizaine de jours"),
    ("Le plan atteindra son but d'ici à dix ans.", "d'ici à dix ans"),
    ("Les mesures porteront leurs fruits dans cinq à dix ans.", "dans cinq à dix ans"),
    ("Ces secteurs offriront un emploi dans 5, 10, 15 ans.", "dans 5, 10, 15 ans"),
])
def test_offsets_are_dates_under_the_guide(dates, text, span):
    assert [(f[0], f[1]) for f in dates(text)] == [("DATE", span)]


def test_a_vague_offset_spans_a_few_units(dates):
    (_, _, value), = dates("Je l'ai rencontré il y a quelques semaines.")
    assert value["mod"] == "approx" and value["start"] < value["end"] < "2022-11-23"


def test_a_few_days_ahead_stays_a_duration(dates):
    assert [(f[0], f[1]) for f in dates("Nous en parlerons dans quelques jours.")] == [("DURATION", "quelques jours")]


# -- what is a length of time --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Les avions bombardiers ayant en moyenne vingt-quatre ans, il faut les remplacer.",
    "Les médecins qui ont aujourd'hui plus de 60 ans vont partir.",
    "La campagne vise des plus de 80 ans.",
    "La plateforme fonctionne vingt-quatre heures sur vingt-quatre, sept jours sur sept.",
    "Parce qu'un jour ou un autre, le virus reculera.",
    "Permettez-moi de vous poser une seconde question.",
    "Les premières années du programme ont été lentes.",
    "La ligne est ouverte 24h/24.",
])
def test_not_durations(dates, text):
    assert [f for f in dates(text) if f[0] == "DURATION"] == []


@pytest.mark.parametrize("text, span, iso", [
    ("Il faut accompagner les enfants dans leurs trois premières années de vie.", "leurs trois premières années", "P3Y"),
    ("Le dispositif permet d'agir en moins de 48h.", "48h", "PT48H"),
    ("Il travaille 45 heures par semaine.", "45 heures", "PT45H"),
    ("Depuis des années, les habitants attendent.", "des années", "PXY"),
])
def test_durations(dates, text, span, iso):
    assert [(f[1], f[2]["duration"]) for f in dates(text) if f[0] == "DURATION"] == [(span, iso)]


# -- dates -----------------------------------------------------------------------------------------------------
def test_the_near_future_points_ahead(dates):
    (_, _, value), = dates("Des apprentis vont être accueillis dès cet été.", ref="2023-03-01")
    assert value["start"] == "2023-06-21"
    (_, _, value), = dates("Ils vont signer le 2 janvier.", ref="2023-03-01")
    assert value["start"] == "2024-01-02"


def test_tomorrow_after_a_noun_is_generic(dates):
    assert dates("Nous construisons l'industrie de demain.") == []
    assert [f[1] for f in dates("À partir de demain, les guichets ferment.")] == ["demain"]


# -- amounts and counts ----------------------------------------------------------------------------------------
def test_a_scale_and_a_half(quantities):
    assert [v["amount"] for _, v in quantities(
        "L'aide coûte dix mille euros par mois. Un milliard et demi, deux milliards ?", "MONEY")] == [1e4, 1.5e9, 2e9]


def test_an_abbreviation_is_no_amount(quantities):
    assert quantities("Le budget de 30 millions d'euros finance les usages de la 5G.", "MONEY") == [
        ("30 millions d'euros", {"amount": 3e7, "currency": "EUR", "qualifier": "="})]


@pytest.mark.parametrize("text", [
    "Le taux de fécondité est tombé à 1,8 enfant par femme.",
    "La Chine poursuit sa stratégie « zéro covid ».",
    "Une femme handicapée sur cinq déclare avoir subi des violences.",
    "Le relèvement de 20 térawattheures concerne les compteurs de 36 kilovoltampères.",
])
def test_not_counts(quantities, text):
    assert quantities(text, "COUNT") == []


@pytest.mark.parametrize("text, expected", [
    ("Il manque chaque année 40 à 50 000 naissances.", [(40000, 50000)]),
    ("Les 700 000 jeunes qui ont fini leurs études cherchent un emploi.", [(700000, None)]),
    ("Ainsi 1 500 recrutements seront effectués, soit 240 de plus que prévu.", [(1500, None), (240, None)]),
    ("Le nombre des délégués du procureur, qui passeront de 913 à près de 2 000, double.", [(913, None), (2000, None)]),
])
def test_counts(quantities, text, expected):
    assert [(v["count"], v["count_max"]) for _, v in quantities(text, "COUNT")] == expected


def test_implicit_counts_take_the_noun_of_their_subject(quantities):
    found = quantities("Le nombre des délégués du procureur, qui passeront de 913 à près de 2 000, double.", "COUNT")
    assert [v["unit"] for _, v in found] == ["délégué", "délégué"] and found[1][1]["approx"]
