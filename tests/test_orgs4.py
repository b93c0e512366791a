"""PERSON and ORG rules of round 4 (issue 14, tests/data/eval/dev_orgs4): span boundaries of titles and names,
people named by first name with their age, possessive titles; bodies of the gazetteer by acronym, companies after a
cue noun or named with "France", courts by their seat, names that go on to their acronym, and spans that are no
bodies (a seat, an imperative, a heading word, an event). Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2022-10-20"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


# ---------------------------------------------------------------- PERSON
def test_an_office_word_before_a_name_is_one_mention_with_it(nlp):
    text = ("Hier, la ministre Catherine Colonna et le président Macron ont reçu Mme la secrétaire d'État Sonia "
            "Backès.")
    assert [t for t, _ in found(nlp, text, "PERSON")] == [
        "ministre Catherine Colonna", "président Macron", "Mme la secrétaire d'État Sonia Backès"]


def test_a_role_and_a_surname_with_its_particle(nlp):
    text = "Je remercie M. le ministre Le Maire, puis le ministre Le Drian."
    assert found(nlp, text, "PERSON", "2021-03-01") == [("M. le ministre Le Maire", "person:bruno-le-maire"),
                                                        ("ministre Le Drian", "person:jean-yves-le-drian")]


def test_a_fused_article_is_no_part_of_a_title(nlp):
    text = "Je m'adresse au Premier ministre et je cite une lettre du Président de la République."
    assert found(nlp, text, "PERSON") == [("Premier ministre", "person:elisabeth-borne"),
                                          ("Président de la République", "person:emmanuel-macron")]


def test_a_first_name_with_an_age_and_its_repeat(nlp):
    text = "Nous pensons à Malik, 27 ans, blessé hier soir ; Malik sortira demain."
    assert found(nlp, text, "PERSON") == [("Malik", "person:malik"), ("Malik", "person:malik")]
    assert found(nlp, "Il vit à Lyon, 20 ans après la crise.", "PERSON") == []   # a place, a date


def test_a_child_or_a_young_person_by_first_name(nlp):
    text = "Le meurtre de la petite Inaya nous a bouleversés ; Inaya avait dix ans. Le jeune Emmanuel Macron aussi."
    assert found(nlp, text, "PERSON") == [("Inaya", "person:inaya"), ("Inaya", "person:inaya"),
                                          ("Emmanuel Macron", "person:emmanuel-macron")]
    assert found(nlp, "La jeune France et la petite Europe.", "PERSON") == []
    assert found(nlp, "On produira la petite Clio jusqu'en 2024 : la Clio se vend.", "PERSON") == []   # a thing


def test_a_possessive_title_and_a_portfolio_with_commas(nlp):
    text = ("Votre propre ministre délégué chargé des relations avec le Parlement l'a reconnu. Monsieur le ministre "
            "des solidarités, de l'autonomie et des personnes handicapées, je vous remercie.")
    assert found(nlp, text, "PERSON") == [
        ("Votre propre ministre délégué chargé des relations avec le Parlement", "person:franck-riester"),
        ("Monsieur le ministre des solidarités, de l'autonomie et des personnes handicapées",
         "person:jean-christophe-combe")]


def test_the_secretary_general_of_a_body_with_a_capital(nlp):
    text = "Nous avons écrit au Secrétaire général des Nations unies."
    assert found(nlp, text, "PERSON") == [("Secrétaire général des Nations unies", "person:antonio-guterres")]


def test_a_civility_opens_a_title_and_a_foreign_republic_has_no_french_holder(nlp):
    text = ("Monsieur le maire de Lyon, Monsieur le Rapporteur général, je salue le Premier ministre de la République "
            "tchèque et Mme la ministre déléguée chargée de l'égalité entre les femmes et les hommes.")
    assert found(nlp, text, "PERSON") == [
        ("Monsieur le maire de Lyon", None), ("Monsieur le Rapporteur général", None),
        ("le Premier ministre de la République tchèque", None),
        ("Mme la ministre déléguée chargée de l'égalité entre les femmes et les hommes", "person:isabelle-rome")]


def test_a_french_qualifier_and_the_high_commissioner_of_the_republic(nlp):
    text = "Le Premier ministre français a reçu le haut-commissaire de la République en Nouvelle-Calédonie."
    assert found(nlp, text, "PERSON") == [("Le Premier ministre français", "person:elisabeth-borne"),
                                          ("le haut-commissaire de la République", None)]


def test_le_general_alone_is_de_gaulle(nlp):
    text = ("Comme le voulait le Général, l'appel du Général résonne ; le général Lecointre l'a rappelé, après le "
            "général de Gaulle.")
    assert found(nlp, text, "PERSON") == [("le Général", "person:charles-de-gaulle"),
                                          ("Général", "person:charles-de-gaulle"), ("général Lecointre", "person:lecointre"),
                                          ("général de Gaulle", "person:charles-de-gaulle")]   # a former President


# ---------------------------------------------------------------- ORG
def test_gazetteer_bodies_by_acronym_take_the_id_of_their_full_name(nlp):
    text = "Le PNF et l'Igas ont saisi le Conseil d'État ; la Cnaf répond."
    assert found(nlp, text, "ORG") == [
        ("PNF", "org:parquet-national-financier"), ("Igas", "org:inspection-generale-des-affaires-sociales"),
        ("Conseil d'État", "org:conseil-d-etat"), ("Cnaf", "org:caisse-nationale-des-allocations-familiales")]


def test_unions_and_international_bodies_by_acronym(nlp):
    text = "La FNSEA, FO et l'Unsa ont écrit à l'OSCE."
    assert [i for _, i in found(nlp, text, "ORG")] == [
        "org:federation-nationale-des-syndicats-d-exploitants-agricoles", "org:force-ouvriere",
        "org:union-nationale-des-syndicats-autonomes", "org:organisation-pour-la-securite-et-la-cooperation-en-europe"]


def test_a_group_listed_with_an_accent_and_no_spaces(nlp):
    text = "(Applaudissements sur les bancs des groupes SOC et Écolo-NUPES.)"
    assert found(nlp, text, "ORG", "2023-01-10") == [
        ("SOC", "org:socialistes-et-apparentes-membre-de-l-intergroupe-nupes"), ("Écolo-NUPES", "org:ecologiste-nupes")]


def test_companies_after_a_cue_noun_and_their_seat(nlp):
    text = "Le croisiériste Ponant recrute ; la société Duralex Industrie, à Orléans, aussi."
    assert [t for t, _ in found(nlp, text, "ORG")] == ["Ponant", "Duralex Industrie"]
    assert [t for t, _ in found(nlp, text, "TERRITORY")] == ["Orléans"]


def test_companies_named_with_no_cue_word(nlp):
    text = ("TotalEnergies, Stellantis et Saint-Gobain investissent ; le safran et le carrefour n'en sont pas, ni "
            "le Boeing 737 (a product).")
    assert found(nlp, text, "ORG") == [("TotalEnergies", "org:totalenergies"), ("Stellantis", "org:stellantis"),
                                       ("Saint-Gobain", "org:saint-gobain")]


def test_france_and_a_name_make_a_body_not_the_country(nlp):
    text = "Je pense à Verre France et au réseau France Entraide ; il vit en France."
    assert [t for t, _ in found(nlp, text, "ORG")] == ["Verre France", "France Entraide"]
    assert [t for t, _ in found(nlp, text, "TERRITORY")] == ["France"]
    assert found(nlp, "Comme l'écrivait Anatole France, tout passe.", "ORG") == []   # a first name: a person


def test_courts_by_their_seat(nlp):
    text = ("Le tribunal de Créteil l'a condamné de façon définitive, comme le tribunal constitutionnel de Hongrie ; "
            "le tribunal de commerce aussi.")
    assert [t for t, _ in found(nlp, text, "ORG")] == ["tribunal de Créteil", "tribunal constitutionnel de Hongrie"]


def test_a_name_goes_on_with_entre_and_its_pair(nlp):
    text = ("La délégation aux droits des femmes et à l'égalité des chances entre les hommes et les femmes a "
            "siégé ; la Cour des comptes et la Cour de cassation aussi, entre autres.")
    assert [t for t, _ in found(nlp, text, "ORG")] == [
        "délégation aux droits des femmes et à l'égalité des chances entre les hommes et les femmes",
        "Cour des comptes", "Cour de cassation"]


def test_a_name_goes_on_to_its_acronym(nlp):
    text = "Le Bureau d'analyse et de prévention sur les accidents ferroviaires (BAPAF) enquête ; le BAPAF conclura."
    name = "Bureau d'analyse et de prévention sur les accidents ferroviaires"
    assert found(nlp, text, "ORG")[0] == (name, "org:bureau-d-analyse-et-de-prevention-sur-les-accidents-ferroviaires")
    assert [t for t, _ in found(nlp, text, "ORG")][1:] == ["BAPAF", "BAPAF"]


def test_imperatives_heading_words_and_events_are_no_bodies(nlp):
    from tdi_nlp.components.orgs.component import OrgTagger
    doc = nlp("ÉCHANGES SUR LE BÉNÉVOLAT ASSOCIATIF\n\nPrenons l'exemple du Forum Jeunesse Égalité.")
    words = {t.text: t for t in doc}
    assert OrgTagger._verb_or_heading_word(doc, words["BÉNÉVOLAT"])
    assert OrgTagger._verb_or_heading_word(doc, words["Prenons"])
    assert not OrgTagger._verb_or_heading_word(doc, words["Forum"])
    assert found(nlp, doc.text, "ORG") == []


def test_two_coordinated_names_meetings_and_conferences(nlp):
    text = ("La Sécurité sociale et l'Assurance maladie ont payé ; le Conseil des ministres de mercredi l'a "
            "décidé ; à la COP28, le Comité international de la Croix-Rouge a parlé.")
    assert [t for t, _ in found(nlp, text, "ORG")] == ["Sécurité sociale", "Assurance maladie",
                                                       "Comité international de la Croix-Rouge"]


def test_an_acronym_of_a_scheme_is_no_body(nlp):
    text = ("L'initiative « Ocean Risk and Early Alert Systems (OREAS) » progresse ; OREAS aide l'Agence française "
            "de développement.")
    assert [t for t, _ in found(nlp, text, "ORG")] == ["Agence française de développement"]


def test_the_assemblee_after_a_demonstrative_or_in_lower_case(nlp):
    text = "Cette Assemblée a voté ; notre assemblée nationale aussi ; une assemblée générale suivra."
    assert found(nlp, text, "ORG") == [("Assemblée", "org:assemblee-nationale"),
                                       ("assemblée nationale", "org:assemblee-nationale")]
