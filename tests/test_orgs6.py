"""ORG rules of round 6 (issue 14, tests/data/eval/dev_orgs5): gazetteer bodies and companies, a name repeated
after its cue, capitalized names before their acronym, group labels, short names that need their context, and
spans that are no bodies (laws, schemes, an index, an imperative). Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, date="2022-11-20"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, "ORG", date)]


def test_a_name_a_cue_made_a_body_is_a_body_where_it_is_repeated(nlp):
    text = ("Le journal Mediacités a enquêté sur la société Valmora. Selon Mediacités, les comptes de "
            "Valmora sont faux ; l'entreprise chimique Valmora dément.")
    assert found(nlp, text) == [("Mediacités", "org:mediacites"), ("Valmora", "org:valmora"),
                                ("Mediacités", "org:mediacites"), ("Valmora", "org:valmora"),
                                ("Valmora", "org:valmora")]


def test_a_one_word_name_of_the_gazetteer_in_a_title_in_capitals(nlp):
    text = "RÉVÉLATIONS DE DISCLOSE\n\nLe site Disclose a publié une enquête."
    assert found(nlp, text) == [("DISCLOSE", "org:disclose"), ("Disclose", "org:disclose")]


def test_a_capitalized_name_before_its_acronym_and_the_acronym_after(nlp):
    text = "La Compagnie des Ports Normands (CPN) investit ; la CPN recrute cent agents."
    assert found(nlp, text) == [("Compagnie des Ports Normands", "org:compagnie-des-ports-normands"),
                                ("CPN", "org:compagnie-des-ports-normands"),
                                ("CPN", "org:compagnie-des-ports-normands")]


def test_an_acronym_with_one_capital_takes_the_id_of_its_long_form(nlp):
    text = ("Le Groupe d'experts intergouvernemental sur l'évolution du climat (Giec) publie un rapport ; le Giec "
            "alerte les États.")
    gid = "org:groupe-d-experts-intergouvernemental-sur-l-evolution-du-climat"
    assert found(nlp, text) == [("Groupe d'experts intergouvernemental sur l'évolution du climat", gid),
                                ("Giec", gid), ("Giec", gid)]


def test_a_parliamentary_group_by_its_full_label_is_the_group_not_the_party(nlp):
    text = "Le groupe Horizons et apparentés a déposé un amendement."
    assert found(nlp, text) == [("Horizons et apparentés", "org:horizons-et-apparentes")]


def test_a_company_is_named_by_a_short_name_only_where_its_full_name_is(nlp):
    assert found(nlp, "TotalEnergies publie ses comptes : Total a gagné 5 milliards.") == [
        ("TotalEnergies", "org:totalenergies"), ("Total", "org:totalenergies")]
    assert found(nlp, "Total : 3 000 emplois sont créés.") == []


def test_a_platform_a_message_is_on_is_not_the_company(nlp):
    text = "La ministre a reçu les dirigeants de Facebook et de TikTok, puis elle a écrit sur Twitter."
    assert found(nlp, text) == [("Facebook", "org:facebook"), ("TikTok", "org:tiktok")]


def test_the_congress_alone_is_new_caledonia_s_where_the_text_speaks_of_it(nlp):
    text = "L'avenir de la Nouvelle-Calédonie appartient à ses élus : le Congrès votera en mars."
    assert ("Congrès", "org:congres-de-la-nouvelle-caledonie") in found(nlp, text)
    assert not any(t == "Congrès" for t, _ in found(nlp, "Le Congrès se réunit à Versailles en juin."))


def test_laws_schemes_and_an_index_are_no_bodies(nlp):
    text = ("Ils ont signé des contrats emploi-jeunes, plus communément appelés CEJ, puis la loi ELAN a changé "
            "les règles ; les groupes du CAC40 ne paient rien.")
    assert found(nlp, text) == []


def test_an_imperative_opening_a_line_is_no_name(nlp):
    text = "Les salariés sont en grève depuis lundi.\nSouvenons-nous qu'en 2020, le site a fermé."
    assert found(nlp, text) == []


def test_bodies_of_the_gazetteer_written_in_lower_case_or_with_a_no_break_space(nlp):
    text = ("Le directeur de l'école nationale de la magistrature a reçu l'Académie française et SOS\u00a0"
            "Méditerranée.")
    assert found(nlp, text) == [("école nationale de la magistrature", "org:ecole-nationale-de-la-magistrature"),
                                ("Académie française", "org:academie-francaise"),
                                ("SOS\u00a0Méditerranée", "org:sos-mediterranee")]


def test_two_ministries_named_in_one_plural_are_not_the_education_body(nlp):
    text = "La réforme place les lycées sous la tutelle des ministères de l'éducation nationale et du travail."
    assert found(nlp, text) == []


# ---------------------------------------------------------------- round 2 (rules written from round 2's misses)
def test_an_acronym_of_a_lower_case_phrase_is_a_thing_and_taxes_are_no_bodies(nlp):
    text = ("Le service civique volontaire a dix ans : le choix du SCV est utile. Il faut baisser la TVA et la CSG ; "
            "les petites et moyennes entreprises, les PME, souffrent.")
    assert found(nlp, text) == []


def test_an_acronym_fitting_a_lower_case_body_named_before_takes_its_id(nlp):
    text = "L'organisation mondiale du tourisme est saisie ; l'OMT répondra lundi."
    assert found(nlp, text) == [("organisation mondiale du tourisme", "org:organisation-mondiale-du-tourisme"),
                                ("OMT", "org:organisation-mondiale-du-tourisme")]


def test_a_long_form_between_dashes_or_in_parentheses_after_a_listed_acronym(nlp):
    text = ("Je salue les agents de RTE – Réseau de transport d'électricité – et de GRDF (Gaz réseau distribution "
            "France).")
    assert found(nlp, text) == [("RTE", "org:reseau-de-transport-d-electricite"),
                                ("Réseau de transport d'électricité", "org:reseau-de-transport-d-electricite"),
                                ("GRDF", "org:grdf"), ("Gaz réseau distribution France", "org:grdf")]


def test_the_assembly_alone_before_an_article_and_an_imperative_with_an_adjective(nlp):
    text = "Il a été entendu à l'Assemblée la semaine dernière.\nSoyons francs : rien ne change."
    assert found(nlp, text) == [("Assemblée", "org:assemblee-nationale")]
