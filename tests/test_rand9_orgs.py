"""Round 9 rules for ORG, PROGRAMME and PERSON (issue 14, tests/data/eval/dev_orgs9 and the misses of the earlier dev
samples): "la réforme France Travail" is a programme, the operator a body; "des Républicains", "Total" after a company noun,
national media; a mixed-case acronym before a plural long form is no body; a named plan with its years is
a programme ("le Grenelle" is not, yet); "Selon" opens no name; a portfolio stops before "et du ministre" and on
"à" + a verb; a legal text's date does not date a title; local offices named alone; a title after "Name," that
opens its own clause; lists of titles each before its holder. Sentences written for these tests; conventions of
tests/data/eval/blind/GUIDE.md and tests/data/eval/dev_orgs9/README.md.
"""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2023-02-01"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


# -- ORG and PROGRAMME ----------------------------------------------------------------------------------------------

def test_the_france_travail_reform_is_a_programme_the_operator_a_body(nlp):
    text = "LA RÉFORME FRANCE TRAVAIL\n\nFRANCE TRAVAIL\n\nLa réforme France Travail veut réformer Pôle emploi."
    assert found(nlp, text, "PROGRAMME", "2023-05-10") == [("FRANCE TRAVAIL", "programme:france-travail")] * 2 + [
        ("France Travail", "programme:france-travail")]
    assert found(nlp, text, "ORG", "2023-05-10") == [("Pôle emploi", "org:pole-emploi")]
    text = "Dans la perspective de la création de France Travail, le Gouvernement recrute."
    assert found(nlp, text, "ORG", "2023-05-10") == [("France Travail", "org:france-travail")]
    assert found(nlp, text, "PROGRAMME", "2023-05-10") == []


def test_the_republicans_after_des_or_aux_in_a_parliamentary_text(nlp):
    text = "Le texte a été voté au Sénat grâce aux voix des Républicains et des centristes."
    assert ("Républicains", "org:les-republicains") in found(nlp, text, "ORG")
    # not the American party (which the stock NER tags as a body of its own)
    assert all(i != "org:les-republicains" for _, i in found(nlp, "Les élus des Républicains américains ont voté.", "ORG"))


def test_total_after_a_company_noun_and_not_alone(nlp):
    text = "Un patron de Total s'enrichit ; la station Total de Rethel est vide."
    assert found(nlp, text, "ORG") == [("Total", "org:totalenergies"), ("Total", "org:totalenergies")]
    assert found(nlp, "Au total, 300 stations sont vides. Total : rien.", "ORG") == []


def test_national_media(nlp):
    text = "Selon La Tribune et d'après Le Figaro, il faut appeler le 15."
    assert found(nlp, text, "ORG") == [("La Tribune", "org:la-tribune"), ("Le Figaro", "org:le-figaro")]


def test_a_mixed_case_acronym_before_a_plural_long_form_is_no_body(nlp):
    text = "Les enfants sont entendus dans les Uaped – unités d'accueil pédiatrique des enfants en danger."
    assert found(nlp, text, "ORG") == []


def test_a_grenelle_is_no_programme_yet(nlp):
    # tried as a programme (as "le Ségur") and dropped: the dev samples disagree (dev_places4 / dev_orgs9)
    assert found(nlp, "Avec le Grenelle des violences conjugales, nous avons avancé.", "PROGRAMME") == []


def test_a_plan_named_with_its_years_is_a_programme(nlp):
    text = ("Le plan en faveur de l'égalité entre les femmes et les hommes (2023-2027) sera présenté ; la stratégie "
            "nationale pour l'autisme 2018-2022 aussi. Un plan de 2020-2022 ne se nomme pas.")
    assert found(nlp, text, "PROGRAMME") == [
        ("plan en faveur de l'égalité entre les femmes et les hommes",
         "programme:plan-en-faveur-de-l-egalite-entre-les-femmes-et-les-hommes"),
        ("stratégie nationale pour l'autisme", "programme:strategie-nationale-pour-l-autisme")]


# -- PERSON ---------------------------------------------------------------------------------------------------------

def test_selon_opens_no_name_at_a_line_start(nlp):
    text = "M. Jean Dupuis\n\nSelon Desmond Tutu, il n'y a pas de paix sans justice."
    assert ("Desmond Tutu", "person:desmond-tutu") in found(nlp, text, "PERSON")


def test_a_portfolio_stops_before_a_second_title_after_et_du(nlp):
    text = ("Le décret est signé du ministre de la transition écologique et de la cohésion des territoires et du "
            "ministre de l'agriculture et de la souveraineté alimentaire.")
    assert found(nlp, text, "PERSON", "2022-11-20") == [
        ("ministre de la transition écologique et de la cohésion des territoires", "person:christophe-bechu"),
        ("ministre de l'agriculture et de la souveraineté alimentaire", "person:marc-fesneau")]


def test_a_portfolio_never_opens_on_a_before_a_verb(nlp):
    text = "On doute de la capacité de la ministre à exercer ses fonctions."
    assert [t for t, _ in found(nlp, text, "PERSON", "2022-11-09")] == ["la ministre"]


def test_the_date_of_a_legal_text_does_not_date_a_title(nlp):
    text = ("Dans le cadre de la loi du 21 février 2022 relative à la différenciation, le ministre de la santé et de "
            "la prévention et moi-même préparons un rapport.")
    assert found(nlp, text, "PERSON", "2022-11-16") == [
        ("le ministre de la santé et de la prévention", "person:francois-braun")]


def test_a_local_office_named_alone_where_the_document_names_its_place(nlp):
    text = ("La préfète de la Creuse est mobilisée. Tout le monde le sait, la préfète reçoit demain les maires. "
            "Le recteur viendra aussi.")
    people = found(nlp, text, "PERSON")
    assert [t for t, _ in people] == ["La préfète de la Creuse", "la préfète"]
    text = "Votre département de l'Aube perd des élèves. La Dasen, à qui j'ai parlé, m'a rassurée."
    assert found(nlp, text, "PERSON") == [("La Dasen", None)]
    assert found(nlp, "Le préfet peut suspendre un arrêté municipal.", "PERSON") == []


def test_the_current_holder_of_an_office_of_a_court(nlp):
    text = "L'actuel procureur général près la Cour de cassation prendra sa retraite."
    assert [t for t, _ in found(nlp, text, "PERSON")] == ["L'actuel procureur général près la Cour de cassation"]


def test_a_title_after_a_name_that_opens_its_own_clause(nlp):
    text = "En rendant hommage à Simone Veil, le Président a choisi une figure du combat des femmes."
    assert found(nlp, text, "PERSON", "2023-03-08") == [("Simone Veil", "person:simone-veil"),
                                                        ("le Président", "person:emmanuel-macron")]
    text = "Charlotte Caubel, la secrétaire d'État chargée de l'enfance, est venue."
    assert [t for t, _ in found(nlp, text, "PERSON", "2023-03-08")] == ["Charlotte Caubel"]


def test_a_list_of_titles_each_before_its_holder(nlp):
    text = ("Étaient présents M. Emmanuel Macron, la présidente de la Commission européenne, Mme Ursula von der "
            "Leyen, le commissaire européen, M. Thierry Breton, et les ministres.")
    assert found(nlp, text, "PERSON", "2020-10-01") == [
        ("M. Emmanuel Macron", "person:emmanuel-macron"),
        ("la présidente de la Commission européenne", "person:ursula-von-der-leyen"),
        ("Mme Ursula von der Leyen", "person:ursula-von-der-leyen"),
        ("le commissaire européen", "person:thierry-breton"),
        ("M. Thierry Breton", "person:thierry-breton")]
    text = "Il a reçu une lettre du commissaire européen Thierry Breton."
    # a title joined to the name is no mention of its own
    assert not any(t.endswith("européen") for t, _ in found(nlp, text, "PERSON", "2020-10-01"))


def test_leaders_and_figures_added(nlp):
    text = "Il a soutenu Alpha Condé ; l'affaire Navalny et M. Bédié sont cités."
    ids = [i for _, i in found(nlp, text, "PERSON", "2020-11-18")]
    assert ids == ["person:alpha-conde", "person:alexei-navalny", "person:henri-konan-bedie"]
