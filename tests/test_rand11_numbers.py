"""Round 11 rules for counts and lengths from the misses on tests/data/eval/dev_random11 (issue 14): every number of
a list after a reference word ("les amendements nos 12 et 14") and a number before "bis" are references, minutes
after "heures" and a number named with a singular article ("le 3018") are no counts, one staff member "pour N"
pupils is a rate while "un plan pour 300 communes" still counts communes, a vote result read out in a sitting counts
voters and votes; "j'ai 17 ans" and "À 15 ans," are ages, a capitalised preposition is no name in front of a length.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_random11/README.md.
"""
from __future__ import annotations

import pytest

from conftest import guide_dates


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2023-02-15"):
        return guide_dates(dates_nlp, text, ref)
    return run


def counts(quantities, text):
    return [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")]


@pytest.mark.parametrize("text", [
    "Les sous-amendements nos 12 et 14 sont retirés.",
    "Les amendements nos 109, 7, 69 et 68 sont adoptés.",
    "L'article 3 bis est adopté.",
    "La séance est suspendue à dix-sept heures vingt.",
    "Appelez le 3018 si vous êtes harcelé.",
    "On compte un infirmier pour 1 500 élèves.",
    "Il reste 1 médecin scolaire en poste pour 12 500 élèves.",
])
def test_references_clock_minutes_and_rates_are_no_counts(quantities, text):
    assert counts(quantities, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Un plan pour 300 communes a été lancé.", [("300 communes", 300, "commune")]),
    ("Un accompagnement pour 40 familles a été mis en place.", [("40 familles", 40, "famille")]),
])
def test_one_thing_for_n_that_is_not_staff_still_counts(quantities, text, expected):
    assert counts(quantities, text) == expected


def test_a_vote_result_counts_voters_and_votes(quantities):
    text = ("Voici le résultat du scrutin : Nombre de votants 52 Nombre de suffrages exprimés 50 Majorité absolue 26 "
            "Pour l’adoption 41 Contre 9")
    assert counts(quantities, text) == [("52", 52, "votant"), ("50", 50, "suffrage"), ("26", 26, "suffrage"),
                                        ("41", 41, "suffrage"), ("9", 9, "suffrage")]


def test_contre_outside_a_vote_result_is_no_ballot_item(quantities):
    assert counts(quantities, "Nous étions contre 3 des mesures proposées.") == []


@pytest.mark.parametrize("text", [
    "J'ai 17 ans et je vis à Lyon.",
    "À 15 ans, elle quittait déjà l'école.",
])
def test_ages_are_no_lengths(dates, text):
    assert [f for f in dates(text) if f[0] == "DURATION"] == []


@pytest.mark.parametrize("text, span, iso", [
    ("Après plus de deux ans de débats, le texte est enfin voté.", "deux ans", "P2Y"),
    ("Cela fait de nombreux mois que les élus attendent.", "de nombreux mois", "PXM"),
])
def test_lengths(dates, text, span, iso):
    assert [(t, v["duration"]) for lab, t, v in dates(text) if lab == "DURATION"] == [(span, iso)]


def test_nos_alone_is_the_possessive(quantities):
    assert counts(quantities, "Le commerce entre nos deux continents et nos 3 partenaires progresse.") == [
        ("deux continents", 2, "continent"), ("3 partenaires", 3, "partenaire")]


@pytest.mark.parametrize("text, span, day", [
    ("La loi a été votée il y a un an et demi.", "il y a un an et demi", "2021-08-15"),
    ("Il y a deux mois et demie, la décision a été prise.", "Il y a deux mois et demie", "2022-12-02"),
])
def test_ago_with_a_half(dates, text, span, day):
    assert [(t, v["start"]) for lab, t, v in dates(text) if lab == "DATE"] == [(span, day)]
    assert [f for f in dates(text) if f[0] == "DURATION"] == []


def test_an_adjective_of_address_between_number_and_noun(quantities):
    assert counts(quantities, "Je remercie mes deux chers corapporteurs.") == [
        ("deux chers corapporteurs", 2, "corapporteur")]
