"""Round 10 rules for PERSON, ORG, PROGRAMME and TERRITORY (issue 14, tests/data/eval/dev_people10): a first name
alone beside a person of a list or after a verb of saying; an interview's first speaker line; "le porte-parole du
gouvernement"; company cues ("s'appelle", ", c'est la start-up"), a cued name repeated over a stock-NER person; the
PJJ; "plan relance"; kinds of contract, loan and activity no bodies; lower-case committees and central
directorates; a spelling of the Polynésie; big foreign cities; a foreign leader in leaders.tsv. Sentences written for these tests;
conventions of tests/data/eval/blind/GUIDE.md and tests/data/eval/dev_people10/README.md.
"""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2021-03-01"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


def texts(nlp, text, label, date="2021-03-01"):
    return [t for t, _ in found(nlp, text, label, date)]


# -- PERSON ---------------------------------------------------------------------------------------------------------

def test_a_first_name_alone_listed_beside_a_person(nlp):
    assert texts(nlp, "Je salue mes amis, comme Hélène Moreau, comme Julien, qui sont venus.", "PERSON") == [
        "Hélène Moreau", "Julien"]
    assert texts(nlp, "Étaient présents Hélène Moreau et Julien, avec leurs enfants.", "PERSON") == [
        "Hélène Moreau", "Julien"]


def test_a_first_name_alone_after_a_verb_of_saying(nlp):
    assert texts(nlp, "Comme le disait Sophie ce matin, l'usine tourne à plein.", "PERSON") == ["Sophie"]


def test_a_first_name_alone_with_no_cue_stays_out(nlp):
    # a sentence start, a place, a first name before a surname-like capital are not first names alone
    assert texts(nlp, "Julien viendra demain. La commune de Florence a voté.", "PERSON") == []
    assert "France" not in texts(nlp, "Comme le disait France Culture, la saison commence.", "PERSON")


def test_the_first_line_of_an_interview_is_a_speaker(nlp):
    text = "CLAIRE MARTIN\n\nNous recevons ce soir le ministre. Bonsoir Olivier VÉRAN."
    assert "CLAIRE MARTIN" in texts(nlp, text, "PERSON")
    # a question's title in capitals (no interview-style name in the text) is no speaker
    assert "MARINE MARCHANDE" not in texts(nlp, "MARINE MARCHANDE\n\nM. Jean Dupont interroge le ministre.", "PERSON")


def test_the_government_spokesperson_is_the_member_holding_that_charge(nlp):
    assert found(nlp, "Le porte-parole du gouvernement a répondu aux questions.", "PERSON", "2020-11-02") == [
        ("Le porte-parole du gouvernement", "person:gabriel-attal")]
    assert found(nlp, "Selon le porte-parole du Gouvernement, le texte passera.", "PERSON", "2023-03-01") == [
        ("le porte-parole du Gouvernement", "person:olivier-veran")]


def test_a_foreign_president_joined_to_his_surname(nlp):
    assert found(nlp, "Nous avons reçu le président Kenyatta à Paris.", "PERSON", "2019-05-01") == [
        ("président Kenyatta", "person:uhuru-kenyatta")]


# -- ORG and PROGRAMME ----------------------------------------------------------------------------------------------

def test_a_company_named_by_a_verb_of_naming(nlp):
    assert ("Lumivolt", "org:lumivolt") in found(nlp, "Notre entreprise s'appelle Lumivolt et emploie 80 salariés.",
                                                 "ORG")


def test_a_name_before_c_est_la_startup_and_its_repeats_are_bodies(nlp):
    text = ("Le dernier métier, c'est Verra Solar et vous le connaissez. Verra Solar, c'est un peu la startup du "
            "groupe.")
    assert texts(nlp, text, "ORG") == ["Verra Solar", "Verra Solar"]
    assert texts(nlp, text, "PERSON") == []


def test_the_youth_justice_service_by_its_long_form(nlp):
    text = "Les éducateurs de la protection judiciaire de la jeunesse (PJJ) suivent ces mineurs."
    assert found(nlp, text, "ORG") == [
        ("protection judiciaire de la jeunesse", "org:protection-judiciaire-de-la-jeunesse"),
        ("PJJ", "org:protection-judiciaire-de-la-jeunesse")]


def test_the_recovery_plan_without_de(nlp):
    assert found(nlp, "La moitié des crédits du plan relance sera engagée cette année.", "PROGRAMME") == [
        ("plan relance", "programme:france-relance")]


def test_kinds_of_contract_loan_and_activity_are_no_bodies(nlp):
    text = "Elle a signé des CDD puis un CDI, obtenu deux PGE et investi en R&D."
    assert texts(nlp, text, "ORG") == []


# -- TERRITORY ------------------------------------------------------------------------------------------------------

def test_a_spelling_of_the_polynesia_and_big_foreign_cities(nlp):
    assert texts(nlp, "Des projets en Polynésie Française, à Boston et à Chicago.", "TERRITORY") == [
        "Polynésie Française", "Boston", "Chicago"]


def test_lower_case_committees_and_central_directorates(nlp):
    text = ("Le comité d'évaluation a rendu son avis. La direction centrale de la sécurité publique, saisie, a enquêté. Un "
            "comité de suivi sera créé.")
    assert texts(nlp, text, "ORG", "2022-10-12") == ["comité d'évaluation",
                                                      "direction centrale de la sécurité publique"]
