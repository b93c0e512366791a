"""Round 6 of the number rules for unseen text (issue 14, tests/data/eval/dev_numbers5/README.md): amounts listed
with a repeated "de", "N autres milliards", an adverb after a qualifier, vague amounts after an article; counts
whose noun is apart ("dont 5 000", "32 exactement", a dash apposition, "15 000 seraient", "900 l'ont été"),
pension quarters listed with "ou"; what is no count (rates, "à trois reprises", "ces milliards de dépenses").

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and the dev_numbers READMEs.
"""
from __future__ import annotations

import pytest


def money(quantities, text: str) -> list[tuple[str, float | None, str]]:
    return [(t, v["amount"], v["qualifier"]) for t, v in quantities(text, "MONEY")]


def counts(quantities, text: str) -> list[tuple[str, int | None, str]]:
    return [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")]


# -- MONEY -------------------------------------------------------------------------------------------------------
def test_amounts_listed_with_a_repeated_de(quantities):
    assert money(quantities, "Le chèque ouvre droit à une prime de 150 ou de 300 euros selon les revenus.") == [
        ("150", 150.0, "="), ("300 euros", 300.0, "=")]


def test_other_billions_after_an_amount(quantities):
    assert money(quantities, "Les actionnaires ont reçu 12 milliards d'euros et 4,5 autres milliards en rachats.") == [
        ("12 milliards d'euros", 12e9, "="), ("4,5 autres milliards", 4.5e9, "=")]


def test_adverb_between_qualifier_and_amount(quantities):
    assert money(quantities, "Certains touchent des salaires excédant difficilement 1 500 euros par mois.") == [
        ("1 500 euros", 1500.0, ">")]


def test_vague_amount_after_an_article(quantities):
    found = money(quantities, "Il faut cesser de perdre les dizaines de milliards d'euros que coûte la fraude.")
    assert found == [("dizaines de milliards d'euros", None, "~")]


def test_vague_billions_of_spending_are_no_count(quantities):
    assert counts(quantities, "Nous devons réduire ces milliards de dépenses qui pèsent sur la dette.") == []


@pytest.mark.parametrize("text, amount", [
    ("Il faudra 5 milliards d'euros, soit 3 millions par jour.", 3e6),
    ("Nous ferons des économies, soit 3 milliards en tout, sur le budget de 40 milliards d'euros.", 3e9),
])
def test_apposition_after_money_stays_money(quantities, text, amount):
    assert amount in [a for _, a, _ in money(quantities, text)]
    assert counts(quantities, text) == []


# -- COUNT: the noun apart --------------------------------------------------------------------------------------
def test_part_after_dont_counts_the_count_before(quantities):
    found = counts(quantities, "Le plan prévoit 40 000 infirmiers dans les hôpitaux, dont 5 000 dès cette année.")
    assert found == [("40 000 infirmiers", 40000, "infirmier"), ("5 000", 5000, "infirmier")]


def test_restated_count(quantities):
    found = counts(quantities, "La commune compte une trentaine de clubs sportifs, 32 exactement, et deux piscines.")
    assert ("32", 32, "club") in found


def test_dash_apposition_counts_the_plural_noun_before(quantities):
    found = counts(quantities, "La région crée des emplois, beaucoup d'emplois – plus de 2,3 millions en dix ans –.")
    assert found == [("2,3 millions", 2300000, "emploi")]


def test_dash_apposition_is_no_amount_after_an_amount(quantities):
    text = "Le budget atteint 5 milliards d'euros. La région compte des apprentis - soit plus de 3 millions."
    assert counts(quantities, text) == [("3 millions", 3000000, "apprenti")]
    assert [t for t, _, _ in money(quantities, text)] == ["5 milliards d'euros"]


@pytest.mark.parametrize("text, expected", [
    ("La réforme ouvre 2 000 postes alors que 15 000 seraient nécessaires.", ("15 000", 15000, "poste")),
    ("Au total 300 lycées ont été visités ; plus de 900 l'ont été depuis.", ("900", 900, "lycée")),
])
def test_number_as_subject(quantities, text, expected):
    assert expected in counts(quantities, text)


def test_quarters_of_a_pension_listed_with_ou(quantities):
    found = counts(quantities, "Les salariés qui ont cotisé trois ou quatre trimestres avant vingt ans partiront plus tôt.")
    assert found == [("trois", 3, "trimestre"), ("quatre trimestres", 4, "trimestre")]
    found = counts(quantities, "La carrière longue vise ceux qui ont travaillé quatre ou cinq trimestres avant vingt ans.")
    assert [c for _, c, _ in found] == [4, 5]


def test_quarters_without_pension_stay_a_duration(quantities):
    text = "Les travaux dureront trois ou quatre trimestres selon la météo."
    assert counts(quantities, text) == []
    assert [t for t, _ in quantities(text, "DURATION")] == ["trois ou quatre trimestres"]


def test_acronym_written_as_a_noun(quantities):
    assert counts(quantities, "Les 200 Ehpad du département ont tous été contrôlés.") == [("200 Ehpad", 200, "ehpad")]


# -- no COUNT ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "On compte quatre-vingts pharmaciens pour 100 000 habitants dans le département.",
    "Le taux d'encadrement est de deux soignants pour dix résidents.",
    "Je l'ai rencontré à trois reprises cette année.",
])
def test_no_count(quantities, text):
    assert counts(quantities, text) == []


def test_two_counts_with_pour_are_kept(quantities):
    found = counts(quantities, "Il y a 3 000 places pour 12 000 demandes cette année.")
    assert [c for _, c, _ in found] == [3000, 12000]


def test_dash_range_is_still_a_range(quantities):
    assert [(v["count"], v["count_max"]) for _, v in quantities("Il reste entre 10 - 20 personnes.", "COUNT")] == [
        (10, 20)]


# -- found after the sample, on sentences written for these tests ----------------------------------------------
def test_approximate_noun_as_subject(quantities):
    found = counts(quantities, "Parmi les 800 entreprises aidées, une centaine ont fermé.")
    assert found == [("800 entreprises", 800, "entreprise"), ("une centaine", 100, "entreprise")]


def test_amount_of_an_endowment(quantities):
    assert money(quantities, "Le fonds est doté de 500 millions pour trois ans.") == [("500 millions", 5e8, "=")]


def test_number_of_then_a_scaled_value_is_a_count(quantities):
    text = "Le budget atteint 5 milliards d'euros. Le nombre de bénéficiaires atteindra 2 millions en 2025."
    assert counts(quantities, text) == [("2 millions", 2000000, "bénéficiaire")]
    assert [t for t, _, _ in money(quantities, text)] == ["5 milliards d'euros"]


def test_value_of_a_count_before_a_date(nlp):
    from tdi_nlp.components import facts
    doc = nlp.make_doc("Les effectifs sont passés à 4 500 cette année.")
    doc._.ref_date = "2023-01-18"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(s.text, s._.value["count"]) for s in facts(doc, "COUNT")] == [("4 500", 4500)]
