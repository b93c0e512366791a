"""PERSON rules of round 6 (issue 14, tests/data/eval/dev_people5 "Left"): one-letter surnames, a first name
alone after "avec", titles outside the government (a rapporteur général, a procureur général près une cour),
generic titles, surnames in a law's name, addresses after a name, issue 14's titles. Sentences written for the
tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons"])


def people(nlp, text, date="2020-10-20"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, "PERSON", date)]


def test_a_one_letter_surname_of_the_tables(nlp):
    found = people(nlp, "Nous avons reçu M. Cédric O hier. Cédric O, qui suit le numérique, a parlé.")
    assert ("M. Cédric O", "person:cedric-o") in found
    assert ("Cédric O", "person:cedric-o") in found
    assert people(nlp, "Le plan de Paul B est prêt.") == []          # not a name of the tables


def test_an_address_after_a_name_is_a_mention_of_its_own(nlp):
    found = people(nlp, "Alors Cédric O, Monsieur le ministre, que répondez-vous aux opérateurs ?")
    assert found == [("Cédric O", "person:cedric-o"), ("Monsieur le ministre", "person:cedric-o")]


def test_an_apposed_role_after_a_name_stays_one_mention(nlp):
    found = people(nlp, "Bruno Le Maire, le ministre de l'économie, a répondu.")
    assert found == [("Bruno Le Maire", "person:bruno-le-maire")]


def test_a_first_name_alone_after_avec(nlp):
    text = "Nos invités : Pauline VERGNAUD et Marc DUTEIL. On en parle tout de suite avec Pauline."
    found = people(nlp, text)
    assert ("Pauline", "person:pauline-vergnaud") in found
    assert ("Marc", "person:marc-duteil") not in found


def test_a_rapporteur_general_and_a_procureur_general_with_their_names_apposed(nlp):
    found = people(nlp, "Je salue le rapporteur général du budget, Lucien Morvan, pour son travail.")
    assert ("le rapporteur général du budget", "person:lucien-morvan") in found
    found = people(nlp, "Tous protestent, jusqu'au procureur général près la Cour de cassation, Anne Delorme !")
    assert ("procureur général près la Cour de cassation", "person:anne-delorme") in found
    assert ("Anne Delorme", "person:anne-delorme") in found


def test_a_title_named_again_with_its_preposition(nlp):
    found = people(nlp, "On en parle souvent avec le président de la CAPEB, avec Jean Rivière, qui le sait.")
    assert ("le président de la CAPEB", "person:jean-riviere") in found


def test_generic_titles_name_no_one(nlp):
    assert people(nlp, "Quel que soit le président américain, nous garderons notre ligne.") == []
    assert people(nlp, "Nous travaillerons avec le président américain élu ou réélu.") == []
    assert people(nlp, "Quelle que soit la Première ministre, le texte passera.") == []
    assert people(nlp, "Le président américain a appelé hier le chef de l'État.")[0] == ("Le président américain", None)


def test_a_surname_in_a_law_name(nlp):
    found = people(nlp, "Nous appliquerons enfin la loi Studer et la loi Agec.")
    assert found == [("Studer", "person:bruno-studer")]
    assert people(nlp, "La loi Montagne et la loi Littoral protègent ces espaces.") == []


def test_issue_14_titles(nlp):
    found = dict(people(nlp, "Notre Premier ministre l'a dit, et votre ministre de la justice aussi."))
    assert found["Notre Premier ministre"] == "person:jean-castex"
    assert found["votre ministre de la justice"] == "person:eric-dupond-moretti"
    assert people(nlp, "La Défenseure des droits a rendu son avis.") == [("La Défenseure des droits",
                                                                          "person:claire-hedon")]
    found = people(nlp, "Le président de l'Assemblée nationale a reçu la présidente du conseil régional d'Occitanie.",
                   "2023-03-01")
    assert found[0] == ("Le président de l'Assemblée nationale", "person:yael-braun-pivet")
    assert found[1][0] == "la présidente du conseil régional d'Occitanie"
    assert people(nlp, "Le Premier ministre italien a appelé Paris.") == [("Le Premier ministre italien", None)]


def test_people_listed_by_first_name(nlp):
    found = [t for t, _ in people(nlp, "Nous pensons à Julie, à Karim, à Sophie et à Antoine.")]
    assert found == ["Julie", "Karim", "Sophie", "Antoine"]


def test_a_title_written_again_is_the_holder_the_document_names(nlp):
    text = ("Le maire de Brest, Jeanne Kerbrat, refuse. Nous écrirons au maire de Brest. J'ai vu Mme la maire de Brest "
            "hier et M. le maire de Quimper.")
    found = people(nlp, text, "2022-10-20")
    assert ("Le maire de Brest", "person:jeanne-kerbrat") in found
    assert ("maire de Brest", "person:jeanne-kerbrat") in found
    assert ("Mme la maire de Brest", "person:jeanne-kerbrat") in found
    assert ("M. le maire de Quimper", None) in found


def test_maire_says_nothing_of_the_holders_sex(nlp):
    found = facts(nlp, "Nous écrirons au maire de Brest demain.", "PERSON", "2022-10-20")
    assert found[0]._.value["civility"] == "M."


def test_a_first_name_after_chere_in_an_opening_address(nlp):
    text = "Madame la ministre, chère Lucie,\n\nMesdames et messieurs,\n\nLucie Varenne suit ce dossier de près."
    assert ("Lucie", "person:lucie-varenne") in people(nlp, text)


def test_addresses_of_military_offices(nlp):
    text = ("Monsieur le chef d'état-major de l'armée de terre,\n\nMonsieur le gouverneur militaire de Lyon,\n\n"
            "Merci de nous recevoir dans les salons du gouverneur militaire de Lyon.")
    found = [t for t, _ in people(nlp, text)]
    assert found == ["Monsieur le chef d'état-major de l'armée de terre", "Monsieur le gouverneur militaire de Lyon",
                     "gouverneur militaire de Lyon"]


def test_a_bare_address_after_a_ministers_name_is_that_minister(nlp):
    text = ("Mme Roxana Maracineanu, ministre déléguée chargée des sports, était là. Alors Cédric O, Monsieur le "
            "ministre, que dites-vous ?")
    assert ("Monsieur le ministre", "person:cedric-o") in people(nlp, text)


def test_a_name_after_an_elided_que(nlp):
    found = people(nlp, "Chacun sait qu'Emmanuel Macron l'a promis, et qu’Édouard Philippe aussi.")
    assert [t for t, _ in found] == ["Emmanuel Macron", "Édouard Philippe"]


def test_a_federation_with_a_lower_case_complement(nlp):
    found = people(nlp, "Nous avons reçu le président de la Fédération de la plasturgie, Marc Lenoir, hier.")
    assert ("le président de la Fédération de la plasturgie", "person:marc-lenoir") in found


def test_names_the_ner_finds_with_a_particle_or_a_two_letter_surname(nlp):
    # sentences in which the stock NER calls "Omar Sy" and "Du Bellay" persons
    found = people(nlp, "Le dernier film avec Omar Sy doit rappeler aux spectateurs une page de leur histoire.")
    assert found == [("Omar Sy", "person:omar-sy")]
    found = people(nlp, "Joachim Du Bellay parlait de son village natal avec tendresse.")
    assert found == [("Joachim Du Bellay", "person:joachim-du-bellay")]


def test_a_relative_named_after_a_possessive_is_the_name_alone(nlp):
    found = people(nlp, "Le roman suit Awa et son père Moussa Diallo, puis le père Hamel.")
    assert ("Moussa Diallo", "person:moussa-diallo") in found
    assert [t for t, _ in found if "Hamel" in t] == ["père Hamel"]


def test_a_ship_named_after_a_person_is_no_mention(nlp):
    found = people(nlp, "Ankara a rappelé son navire de forage Yavuz Selim au port, dit Vincent Morel, ministre.")
    assert [t for t, _ in found] == ["Vincent Morel"]
    assert people(nlp, "Le porte-avions Charles de Gaulle est rentré à Toulon.") == []
