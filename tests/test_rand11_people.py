"""Round 11 rules for people and bodies from the misses on tests/data/eval/dev_random11 (issue 14): names listed
after a naming verb ("Je m'appelle ...", "Ils s'appelaient ...") and relatives named in apposition ("ma grand-mère,
X,", "X, ma fille") are persons, first names alone included, while "la commune s'appelle Die" names no one; a plural
cue noun names a body by example ("des associations, notamment X"), a body's name may open with a lower-case prefix
("l'association e-Enfance"), and the DEPP is a known directorate.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_random11/README.md.
"""
from __future__ import annotations

import pytest

from conftest import linked


@pytest.fixture(scope="module")
def people_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def persons(nlp, text):
    return [t for t, _ in linked(nlp, text, "PERSON")]


@pytest.mark.parametrize("text, names", [
    ("Elles s'appelaient Ines, Sarah ou encore Maelys ; toutes ont quitté le collège.", ["Ines", "Sarah", "Maelys"]),
    ("« Je m'appelle Zoé, j'ai 20 ans et je fais du judo. »", ["Zoé"]),
    ("Prenez mon grand-père, Dédé, qui vit dans une résidence.", ["Dédé"]),
    ("C'était le rêve de Lucie, ma nièce, depuis toujours.", ["Lucie"]),
])
def test_named_people(people_nlp, text, names):
    assert persons(people_nlp, text) == names


def test_a_thing_named_by_a_naming_verb_is_no_person(people_nlp):
    assert persons(people_nlp, "La commune s'appelle Die depuis des siècles.") == []


def test_a_name_found_by_a_naming_verb_is_found_again(people_nlp):
    text = "Il s'appelait Kylian. Kylian avait quinze ans."
    assert persons(people_nlp, text) == ["Kylian", "Kylian"]


@pytest.mark.parametrize("text, org", [
    ("Un numéro d'écoute est géré avec l'association e-Enfance depuis 2021.", "e-Enfance"),
    ("Plusieurs associations, notamment Solidarité Rurale, interviennent dans les écoles.", "Solidarité Rurale"),
])
def test_cued_bodies(people_nlp, text, org):
    assert [t for t, _ in linked(people_nlp, text, "ORG")] == [org]


def test_plural_cue_noun_without_an_example_names_nothing(people_nlp):
    assert linked(people_nlp, "Les associations Françaises et les syndicats se mobilisent.", "ORG") == []


def test_depp_is_a_directorate(people_nlp):
    assert linked(people_nlp, "Selon la DEPP, le niveau baisse.", "ORG") == [("DEPP", "org:depp")]


def test_a_coordination_of_generic_institutions_is_no_body(people_nlp):
    text = "Ce texte relève du Parlement et du Gouvernement, selon la Cour des comptes."
    assert [t for t, _ in linked(people_nlp, text, "ORG")] == ["Cour des comptes"]


def test_a_bare_delegate_minister_is_the_one_whose_portfolio_the_text_talks_about(nlp):
    from conftest import facts
    text = ("Le sport à l'école, le sport en entreprise, le sport pour les aînés : la pratique sportive doit devenir "
            "une habitude. Vous l'avez rappelé, madame la ministre déléguée, le sport est une affaire de santé.")
    found = [(f.text, f._.entity_id) for f in facts(nlp, text, "PERSON", "2022-02-10")]
    assert found == [("madame la ministre déléguée", "person:roxana-maracineanu")]


def test_a_bare_minister_stays_unresolved_when_no_portfolio_stands_out(nlp):
    from conftest import facts
    text = "Vous l'avez rappelé, madame la ministre déléguée, ce texte est attendu."
    assert [f._.entity_id for f in facts(nlp, text, "PERSON", "2022-02-10")] == [None]


@pytest.mark.parametrize("text, names", [
    ("Bonjour. Je m'appelle Lina BERTHIER et je dirige une PME.", ["Lina BERTHIER"]),
    ("Je remercie Paul Martin, mon frère, pour son aide.", ["Paul Martin"]),
])
def test_a_full_name_after_a_naming_verb_or_before_a_relative_stays_whole(people_nlp, text, names):
    assert persons(people_nlp, text) == names
