"""PERSON, ORG and PROGRAMME rules of round 7 from the uniformly drawn sample tests/data/eval/dev_random7b: bodies
and a scheme the gazetteer lacked, "l'Alliance" for NATO, bodies named after a "groupement de fait", an academy, a launcher that is no body, foreign and committee titles, a leader's surname after "président", and the
minister a question addresses. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2022-11-20"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


def test_the_space_agency_and_its_acronyms(nlp):
    text = "Le satellite sera lancé par l'Agence spatiale européenne (ESA) ; l'ASE en a financé la moitié."
    assert found(nlp, text, "ORG") == [("Agence spatiale européenne", "org:agence-spatiale-europeenne"),
                                       ("ESA", "org:agence-spatiale-europeenne"),
                                       ("ASE", "org:agence-spatiale-europeenne")]
    text = "Les enfants confiés à l'aide sociale à l'enfance (ASE) attendent un foyer."
    assert "org:agence-spatiale-europeenne" not in [i for _, i in found(nlp, text, "ORG")]


def test_the_price_shield_of_the_overseas_territories(nlp):
    text = ("Le bouclier qualité-prix (BQP) fixe le prix d'un panier de produits ; la liste du BQP est négociée "
            "chaque année avec les distributeurs.")
    assert found(nlp, text, "PROGRAMME") == [("bouclier qualité-prix", "programme:bouclier-qualite-prix"),
                                             ("BQP", "programme:bouclier-qualite-prix"),
                                             ("BQP", "programme:bouclier-qualite-prix")]


def test_the_segur_pay_rise(nlp):
    text = "Les agents de la filière technique réclament la prime Ségur, versée aux soignants depuis 2020."
    assert found(nlp, text, "PROGRAMME") == [("Ségur", "programme:segur-de-la-sante")]
    assert found(nlp, "Le ministère est installé avenue de Ségur, à Paris.", "PROGRAMME") == []


def test_the_alliance_is_nato_where_nato_is_named(nlp):
    text = "Les membres de l'OTAN se réunissent à Vilnius ; l'Alliance doit renforcer son flanc est."
    assert ("Alliance", "org:otan") in found(nlp, text, "ORG")
    text = "Le maire a signé la charte ; l'Alliance doit maintenant trouver des financements."
    assert ("Alliance", "org:otan") not in found(nlp, text, "ORG")


def test_a_body_named_after_a_groupement_de_fait(nlp):
    text = "Le décret prononce la dissolution du groupement de fait Civitas Nova, qui appelait à la haine."
    assert found(nlp, text, "ORG") == [("Civitas Nova", "org:civitas-nova")]
    assert found(nlp, text, "PERSON") == []


def test_an_academy_is_a_body(nlp):
    text = "L'Académie de Rouen a organisé les épreuves et l'Académie des technologies a rendu un avis."
    assert [t for t, _ in found(nlp, text, "ORG")] == ["Académie de Rouen", "Académie des technologies"]
    assert [t for t, _ in found(nlp, text, "TERRITORY")] == ["Rouen"]


def test_a_launcher_named_after_its_maker_is_no_body(nlp):
    text = "Les industriels Ariane, Thales et Safran se mobilisent, car Ariane 6 doit décoller avant l'été."
    assert [t for t, _ in found(nlp, text, "ORG")].count("Ariane") == 1
    assert "Ariane" not in [t for t, _ in found(nlp, "Le premier vol d'Ariane 6 est prévu cette année.", "ORG")]


def test_a_foreign_vice_chancellor(nlp):
    text = "J'ai reçu hier le vice-chancelier autrichien pour parler de l'énergie."
    persons = facts(nlp, text, "PERSON", "2022-11-20")
    assert [(s.text, s._.value.get("foreign")) for s in persons] == [("le vice-chancelier autrichien", True)]


def test_the_chair_of_a_committee_named_beside_the_title(nlp):
    text = ("Le texte porté par le président de la commission des affaires économiques, Guillaume Kasbarian, "
            "sera examiné ce soir.")
    persons = found(nlp, text, "PERSON", "2022-11-30")
    assert persons == [("le président de la commission des affaires économiques", "person:guillaume-kasbarian"),
                       ("Guillaume Kasbarian", "person:guillaume-kasbarian")]


def test_a_leaders_surname_after_president(nlp):
    text = "Le président Biden a promulgué la loi sur la réduction de l'inflation."
    assert found(nlp, text, "PERSON", "2022-09-01") == [("président Biden", "person:joe-biden")]


def test_a_bare_address_is_the_minister_the_question_names(nlp):
    text = ("Ma question s'adresse à M. le ministre de l'économie, des finances et de la souveraineté industrielle "
            "et numérique.\nMonsieur le ministre, que comptez-vous faire pour les boulangers ?\n\n"
            "M. Roland Lescure, ministre délégué chargé de l'industrie\n\nNous les aidons.\n\n"
            "M. Pierre Cordier\n\nMerci, monsieur le ministre.")
    persons = found(nlp, text, "PERSON", "2022-11-30")
    assert ("Monsieur le ministre", "person:bruno-le-maire") in persons
    assert persons[-1] == ("monsieur le ministre", "person:roland-lescure")


def test_a_bare_title_of_another_head_is_not_the_one_named_before(nlp):
    text = ("La Première ministre a annoncé un plan.\nMadame la secrétaire d'État, que ferez-vous ?\n\n"
            "Mme Charlotte Caubel, secrétaire d'État auprès de la Première ministre, chargée de l'enfance\n\n"
            "Nous agirons.")
    persons = found(nlp, text, "PERSON", "2022-11-30")
    assert ("Madame la secrétaire d'État", "person:charlotte-caubel") in persons
