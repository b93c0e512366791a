"""Round 9 of the number rules for unseen text (issue 14, tests/data/eval/dev_numbers9/README.md): billions after
"représente" are euros; counts whose noun is apart ("ils sont presque 1 million à être partis ... et 250 000",
"seront près de 20 millions en 2060", "nous serons des millions à défiler"); the slogan "1 jeune, 1 solution"
counts nothing; fixed terms ("cartes Vitale", "groupes de travail"); dates and durations: "vendredi soir dernier" is
past, "ce jour terrible" is no document day, "trois cent quatre-vingts heures", ages after "commencé à travailler
entre".

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and the dev_numbers READMEs.
"""
from __future__ import annotations

import pytest

from conftest import guide_dates


def money(quantities, text: str) -> list[tuple[str, float | None, str]]:
    return [(t, v["amount"], v["currency"]) for t, v in quantities(text, "MONEY")]


def counts(quantities, text: str) -> list[tuple[str, int | None, str]]:
    return [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")]


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2022-10-26"):
        return guide_dates(dates_nlp, text, ref)
    return run


# -- MONEY -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, amount", [
    ("Cette protection représente 30 milliards, qui vont directement dans leur poche.", "30 milliards", 3e10),
    ("Le dispositif pèse près de 4 milliards pour l'État.", "4 milliards", 4e9),
    ("La mesure rapporterait 2,5 milliards.", "2,5 milliards", 2.5e9),
])
def test_billions_after_a_verb_of_worth_are_euros(quantities, text, span, amount):
    assert money(quantities, text) == [(span, amount, "EUR")]


@pytest.mark.parametrize("text", [
    "Les aidants représentent 11 millions, un chiffre en hausse.",      # millions: people as likely
    "Ces aidants représentent 11 millions de personnes.",              # a counted noun after
    "La planète représente 8 milliards d'êtres humains.",
])
def test_no_amount_without_billions_or_with_a_noun(quantities, text):
    assert money(quantities, text) == []


# -- COUNT -------------------------------------------------------------------------------------------------------
def test_copula_after_a_count_takes_its_noun(quantities):
    text = "Ces aidants représentent 11 millions de personnes et seront près de 20 millions en 2060."
    assert counts(quantities, text) == [("11 millions de personnes", 11000000, "personne"),
                                        ("20 millions", 20000000, "personne")]


def test_people_counted_with_a_qualifier_then_a_part_after_et(quantities):
    text = "Ils sont presque 1 million à être partis grâce au plan et 250 000 grâce aux colos apprenantes."
    found = counts(quantities, text)
    assert found == [("1 million", 1000000, "personne"), ("250 000", 250000, "personne")]
    assert quantities(text, "COUNT")[0][1]["approx"] is True


def test_vague_people_count(quantities):
    found = quantities("Vous êtes minoritaire et nous serons des millions à défiler jeudi !", "COUNT")
    assert [(t, v["count"], v["unit"], v["approx"]) for t, v in found] == [("des millions", None, "personne", True)]


@pytest.mark.parametrize("text, expected", [
    ("Nous avons recruté 3 000 policiers et 2 000 gendarmes en 2022.",
     [("3 000 policiers", 3000, "policier"), ("2 000 gendarmes", 2000, "gendarme")]),
    ("Deux textes ont été adoptés en 2021 et 2022.", [("Deux textes", 2, "texte")]),
])
def test_et_leaves_numbers_with_their_own_noun_or_years(quantities, text, expected):
    assert counts(quantities, text) == expected


def test_slogan_counts_nothing(quantities):
    assert counts(quantities, "Le plan « 1 jeune, 1 solution » permet aux jeunes de découvrir leurs droits.") == []


@pytest.mark.parametrize("text, span, unit", [
    ("Nous avons engagé une concertation autour de quatre groupes de travail.", "quatre groupes de travail",
     "groupe de travail"),
    ("L'excédent de 1,8 à 2 millions de cartes Vitale qui circulent.", "1,8 à 2 millions de cartes Vitale",
     "carte Vitale"),
    ("Le paquet de dix lames de rasoir coûte trop cher.", "dix lames de rasoir", "lame de rasoir"),
    ("Actuellement, 252 plateformes de répit ont été déployées.", "252 plateformes de répit", "plateforme de répit"),
])
def test_fixed_terms(quantities, text, span, unit):
    assert [(t, u) for t, _, u in counts(quantities, text)] == [(span, unit)]


# -- DATE / DURATION ---------------------------------------------------------------------------------------------
def test_marker_after_the_part_of_a_weekday(dates):
    found = dates("Ces idées se sont exprimées à Lyon, vendredi soir dernier, lors d'une manifestation.")
    assert [(lab, t, v["start"]) for lab, t, v in found] == [("DATE", "vendredi soir dernier", "2022-10-21")]
    found = dates("Nous nous reverrons samedi matin prochain.", "2022-11-23")
    assert [(t, v["start"]) for _, t, v in found] == [("samedi matin prochain", "2022-11-26")]


def test_ce_jour_with_an_adjective_is_no_document_day(dates):
    assert dates("Qu'est-ce qui a changé depuis ce jour terrible ?") == []
    assert [(t, v["start"]) for _, t, v in dates("Je vous le dis ce jour devant vous.")] == [("ce jour", "2022-10-26")]


def test_hundreds_with_quatre_vingts(dates):
    found = dates("Il entraînera la perte de trois cent quatre-vingts heures de cours.")
    assert [(lab, t, v["duration"]) for lab, t, v in found] == [("DURATION", "trois cent quatre-vingts heures", "PT380H")]


def test_ages_between_which_one_started_to_work(dates):
    found = dates("Les personnes qui ont commencé à travailler entre 14 ans et 20 ans cotiseront quarante-quatre années.")
    assert [(lab, t) for lab, t, _ in found] == [("DURATION", "quarante-quatre années")]
    found = dates("Le chantier durera entre 10 ans et 20 ans.")
    assert [(lab, t) for lab, t, _ in found] == [("DURATION", "10 ans"), ("DURATION", "20 ans")]


@pytest.mark.parametrize("text, span", [
    ("Les entreprises auront droit à des aides qui pourront atteindre 4 millions d'euros pour les PME.",
     "4 millions d'euros"),
    ("L'amende peut atteindre 1 500 euros.", "1 500 euros"),
])
def test_a_ceiling_after_pouvoir_atteindre(quantities, text, span):
    assert [(t, v["qualifier"]) for t, v in quantities(text, "MONEY")] == [(span, "<=")]
