"""Round 12 rules from the misses on tests/data/eval/dev_random12 (issue 14): decades written in words ("les années
soixante-dix"), a helpline's number is no year, a reference mark after an amendment's adjectives ("deux amendements
identiques, nos 6 et 18"), "à mille lieues" an idiom, "rallonger de douze à quatorze semaines" a change (two
lengths), "dans le 93 se sont réunis" the department, "le palais du Luxembourg" a building, a group's label in any
case with its acronym and "et apparentés" in a list of groups, "le comité d'éthique de chaque fédération" a kind,
and gazetteer entries (Institut Montaigne, UNSS, USEP, Planning familial, Centre Hubertine Auclert, the programme
pHARe by its long name).

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md.
"""
from __future__ import annotations

import pytest

from conftest import facts, guide_dates, linked


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2022-02-10"):
        return [(label, t, v) for label, t, v in guide_dates(dates_nlp, text, ref)]
    return run


def test_decades_in_words(dates):
    found = dates("Ce retour aux années soixante-dix inquiète, comme les années quatre-vingt-dix.")
    assert [(t, v["start"], v["end"]) for _, t, v in found] == [
        ("années soixante-dix", "1970-01-01", "1979-12-31"),
        ("les années quatre-vingt-dix", "1990-01-01", "1999-12-31")]


def test_helpline_number_is_no_year(dates):
    assert dates("Nous avons créé le numéro d'écoute 2030 et le numéro vert 3020.") == []


def test_lengthening_range_is_a_change(dates):
    found = dates("Il faut rallonger le délai d'IVG de douze à quatorze semaines de grossesse.")
    assert [(t, v["duration"]) for _, t, v in found] == [("douze", "P12W"), ("quatorze semaines", "P14W")]


def test_a_plain_range_stays_one_length(dates):
    found = dates("Le chantier durera deux à trois ans.")
    assert [(t, v["duration"]) for _, t, v in found] == [("deux à trois ans", "PXY")]


def counts(quantities, text):
    return [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")]


def test_amendment_numbers_after_adjectives_are_references(quantities):
    assert counts(quantities, "Je suis saisi de deux amendements identiques, nos 6 et 18, tendant à supprimer "
                              "l'article.") == [("deux amendements", 2, "amendement")]


def test_possessive_nos_still_counts(quantities):
    assert counts(quantities, "Nos 13 régions ont voté.") == [("13 régions", 13, "région")]


def test_mille_lieues_is_an_idiom(quantities):
    assert counts(quantities, "Nous sommes à mille lieues de cette intention.") == []


def test_department_number_before_a_reflexive_verb(nlp):
    text = "En Seine-Saint-Denis, le sport manque de moyens. Les acteurs du sport dans le 93 se sont réunis."
    assert linked(nlp, text, "TERRITORY") == [("Seine-Saint-Denis", "department:93"), ("93", "department:93")]


def test_palais_du_luxembourg_is_no_country(nlp):
    assert linked(nlp, "Le rapporteur du texte au palais du Luxembourg viendra au Luxembourg.", "TERRITORY") == [
        ("Luxembourg", "country:LU")]


def test_group_labels_in_any_case_in_a_list(nlp):
    text = ("Je suis saisi par les groupes La République en marche, Mouvement démocrate (MODEM) et démocrates "
            "apparentés et Agir ensemble d'une demande de scrutin public.")
    assert "Agir ensemble" in [t for t, _ in linked(nlp, text, "ORG")]


def test_one_committee_per_federation_is_a_kind(nlp):
    assert linked(nlp, "Un rôle accru est donné au comité d'éthique de chaque fédération.", "ORG") == []


@pytest.mark.parametrize("text, org, entity", [
    ("Une étude de l'Institut Montaigne le montre.", "Institut Montaigne", "org:institut-montaigne"),
    ("L'UNSS anime le sport scolaire.", "UNSS", "org:union-nationale-du-sport-scolaire"),
    ("Le numéro vert du Planning familial sonne.", "Planning familial",
     "org:mouvement-francais-pour-le-planning-familial"),
    ("Le centre Hubertine Auclert a publié une étude.", "centre Hubertine Auclert", "org:centre-hubertine-auclert"),
])
def test_round12_entries(nlp, text, org, entity):
    assert (org, entity) in linked(nlp, text, "ORG")


def test_phare_by_its_long_name(nlp):
    text = "Le programme de lutte contre le harcèlement à l'école – le programme PHARE – est généralisé."
    assert linked(nlp, text, "PROGRAMME") == [
        ("programme de lutte contre le harcèlement à l'école", "programme:phare"), ("PHARE", "programme:phare")]


# Second pass of round 12 (misses left after the first rules)

def test_colleague_then_surname_is_the_deputy(nlp):
    text = "Il faut donc voter cet article, et je remercie notre collègue Balanant de l'avoir impulsé."
    assert [(s.text, s._.entity_id) for s in facts(nlp, text, "PERSON", "2022-02-10")] == [
        ("Balanant", "person:erwan-balanant")]   # the one deputy of that surname at the date


def test_a_first_name_born_in_the_next_sentence_is_a_person_not_a_place(nlp):
    text = ("Je veux évoquer l'histoire de Salvador. Né en 2006, c'est un enfant précoce. Bien que précoce, "
            "Salvador ne sait pas écrire à son entrée en sixième.")
    assert [t for t, _ in linked(nlp, text, "PERSON")] == ["Salvador", "Salvador"]
    assert linked(nlp, text, "TERRITORY") == []


def test_a_town_before_a_birth_stays_a_town(nlp):
    text = "Il a visité la ville de Lyon. Née en 1950, la commune de Sarcelles a grandi."
    assert [t for t, _ in linked(nlp, text, "PERSON")] == []
    assert [t for t, _ in linked(nlp, text, "TERRITORY")] == ["Lyon", "Sarcelles"]


def test_number_then_cest_le_nombre_de(quantities):
    assert counts(quantities, "Pas moins de 700 000 : c'est le nombre d'enfants victimes de harcèlement.") == [
        ("700 000", 700000, "enfant")]


def test_bodies_by_example_after_a_complement(nlp):
    text = ("Il vise à mettre à l'honneur le travail des associations de lutte contre le harcèlement scolaire, "
            "comme HUGO ! ou Les Papillons.")
    assert [t for t, _ in linked(nlp, text, "ORG")] == ["HUGO", "Les Papillons"]
