"""Round 8 recall rules (issue 14), written from the misses of the tuned-on dev samples: a list of places opened by
a plural place noun ("quatre communes – A, B et C –"), the capitalized "le Président" alone, historical figures
named by surname alone, bodies and programmes the gazetteer lacked, "du Parisien" for the paper "Le Parisien" and
acronyms of programmes beside their long form. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def pnlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2023-03-15"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


# -- places -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Trois communes – Rencurel, Malleval-en-Vercors et Izeron – attendent encore la fibre.",
     ["Rencurel", "Malleval-en-Vercors", "Izeron"]),
    ("Les villages concernés : Vassieux-en-Vercors, Rencurel, Izeron et Cognin-les-Gorges.",
     ["Vassieux-en-Vercors", "Rencurel", "Izeron", "Cognin-les-Gorges"]),
])
def test_a_list_opened_by_a_place_noun_holds_places(pnlp, text, names):
    assert [t for t, _ in found(pnlp, text, "TERRITORY")] == names


def test_a_list_of_people_after_a_comma_is_still_no_place(pnlp):
    text = "Ils s'appelaient Zoumba, Matalé, Kinoué et Sidonie ; tous ont fui la plantation."
    assert found(pnlp, text, "TERRITORY") == []


# -- people -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span", [
    ("Lors de son voyage à Dakar, le Président a annoncé une nouvelle politique.", "le Président"),
    ("Cette initiative, lancée par le Président en mars, doit aider les agriculteurs.", "le Président"),
])
def test_the_capitalized_president_alone_is_the_head_of_state(pnlp, text, span):
    assert (span, "person:emmanuel-macron") in found(pnlp, text, "PERSON")


@pytest.mark.parametrize("text", [
    "Monsieur le Président, mes chers collègues, je vous remercie.",
    "Le Président de la commission a ouvert la séance.",
    "Le Président russe a reçu son homologue.",
])
def test_the_president_with_a_civility_a_complement_or_a_demonym_is_not(pnlp, text):
    assert ("person:emmanuel-macron") not in [i for _, i in found(pnlp, text, "PERSON")]


def test_historical_figures_by_surname_alone(pnlp):
    text = "Comme le disait Jaurès, et avant lui Condorcet, l'école libère ; Clemenceau le savait."
    assert found(pnlp, text, "PERSON") == [("Jaurès", "person:jean-jaures"), ("Condorcet", "person:nicolas-de-condorcet"),
                                          ("Clemenceau", "person:georges-clemenceau")]
    text = "Le serment d'Hippocrate oblige les médecins."
    assert found(pnlp, text, "PERSON") == [("Hippocrate", "person:hippocrate")]


def test_a_street_or_a_school_named_after_a_figure_is_no_person(pnlp):
    text = "Le collège Condorcet et la rue Gambetta seront rénovés ; le lycée Clemenceau aussi."
    assert found(pnlp, text, "PERSON") == []
