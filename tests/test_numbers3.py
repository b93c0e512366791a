"""Round 3 of the number and date rules for unseen text (issue 14): counts whose noun is apart or implicit, amounts
whose currency is set before or by the sentence, lists of numbers sharing one unit, and what is no DURATION (ages,
times of day) nor COUNT (ratios, abbreviations, frequencies).

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_numbers3/README.md.
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate



@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2023-01-18"):
        doc = annotate(dates_nlp, [text], [ref], convention="guide")[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc)]
    return run



def counts(quantities, text: str) -> list[tuple[str, int | None, str]]:
    return [(t, v["count"], v["unit"]) for t, v in quantities(text, "COUNT")]


# -- counts whose noun is apart or implicit ----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Sur les 600 000 agents recensés, 120 000 ont demandé une formation.",
     [("600 000 agents", 600000, "agent"), ("120 000", 120000, "agent")]),
    ("Nous avons retenu trente communes, dont 12 ont déjà signé.",
     [("trente communes", 30, "commune"), ("12", 12, "commune")]),
    ("Sur les 3,4 millions de logements vacants, 1,2 million ont besoin de travaux.",
     [("3,4 millions de logements", 3400000, "logement"), ("1,2 million", 1200000, "logement")]),
    ("Il reste 500 dossiers. Les 200 restants seront traités demain.",
     [("500 dossiers", 500, "dossier"), ("200", 200, "dossier")]),
    ("Nous ouvrirons 1 200 places de crèche et nous en créerons encore 800 l'an prochain.",
     [("1 200 places", 1200, "place"), ("800", 800, "place")]),
    ("Il y a 4 000 médecins ; nous porterons à 5 000 leur nombre total.",
     [("4 000 médecins", 4000, "médecin"), ("5 000", 5000, "médecin")]),
    ("Vous dites 3 000 contrôles ? Oui, 3 000, et davantage l'an prochain.",
     [("3 000 contrôles", 3000, "contrôle"), ("3 000", 3000, "contrôle")]),
    ("Elles sont deux millions chaque année à demander une aide.", [("deux millions", 2000000, "personne")]),
    ("Je veux évoquer trois points essentiels devant vous.", [("trois points", 3, "point")]),
    ("Le nombre de bénéficiaires est passé de 1,2 million en 2019 à 1,5 million en 2022.",
     [("1,2 million", 1200000, "bénéficiaire"), ("1,5 million", 1500000, "bénéficiaire")]),
    ("Plus de la moitié des communes, soit près de 18 000, ont signé.", [("18 000", 18000, "commune")]),
    ("Nous avons créé 4 000 places, et 2 000 autres ouvriront en mars.",
     [("4 000 places", 4000, "place"), ("2 000", 2000, "place")]),
])
def test_counts_whose_noun_is_apart(quantities, text, expected):
    assert counts(quantities, text) == expected


def test_a_bare_number_with_nothing_counted_before_stays_out(quantities):
    assert counts(quantities, "Le score final est 120 000 ont dit les organisateurs.") == []
    assert counts(quantities, "Vous avez dit 3 000 ? Je parlais de 4 000 contrôles.") == [
        ("4 000 contrôles", 4000, "contrôle")]


@pytest.mark.parametrize("text, unit", [
    ("Ils étaient plusieurs dizaines, centaines de milliers de manifestants.", None),
    ("Il faut répondre à ces quelque centaines, milliers de cas.", "cas"),
    ("Je pense aux millions de Français qui travaillent.", "français"),
])
def test_vague_counts_in_lists_and_after_articles(quantities, text, unit):
    (span, value), = quantities(text, "COUNT")
    assert value["count"] is None and value["approx"] and (unit is None or value["unit"] == unit)


@pytest.mark.parametrize("text", [
    "Le déploiement de la 5G. A quoi sert-elle ?",
    "Les fréquences de 3,5 gigahertz et de 26 gigahertz sont attribuées.",
    "On change d'avis tous les quatre matins.",
    "Il y avait deux actifs pour un retraité en 2005.",
    "Le chômage a baissé de trois points en un an.",
    "Le délai moyen est passé de 18 à 12 mois.",
    "Le score, soit 18 000 ! Bravo.",
])
def test_not_counts(quantities, text):
    assert quantities(text, "COUNT") == []


# -- amounts -----------------------------------------------------------------------------------------------------
def amounts(quantities, text: str) -> list[tuple[str, float, str]]:
    return [(t, v["amount"], v["qualifier"]) for t, v in quantities(text, "MONEY")]


@pytest.mark.parametrize("text, expected", [
    ("Les groupes pétroliers engrangent des milliards d'euros de profits : 20 milliards en un an pour l'un d'eux.",
     [("20 milliards", 2e10, "="), ("des milliards d'euros", None, "~")]),   # round 8: a vague amount is MONEY
    ("On parle du plan de relance, des 100 milliards, et il y aurait 5 milliards pour les artisans.",
     [("100 milliards", 1e11, "="), ("5 milliards", 5e9, "=")]),
    ("Sa facture annuelle d'électricité est passée de 3 à 5 millions.", [("3", 3e6, "="), ("5 millions", 5e6, "=")]),
    ("Les loyers montent à 10, 15 000 ou 20 000 € par mois.",
     [("10", 1e4, "="), ("15 000", 1.5e4, "="), ("20 000 €", 2e4, "=")]),
    ("Le plan coûte 30 milliards d'euros, dont 10 milliards de façon indirecte.",
     [("30 milliards d'euros", 3e10, "="), ("10 milliards", 1e10, "=")]),
    ("Les tarifs supérieurs à 280 euros le mégawattheure seront aidés.", [("280 euros", 280.0, ">")]),
    ("La facture ne dépassera pas 300 euros cette année.", [("300 euros", 300.0, "<=")]),
    ("Le Gouvernement a débloqué 500 millions la semaine dernière et 300 de plus sont prévus.",
     [("500 millions", 5e8, "="), ("300", 3e8, "=")]),
])
def test_amounts(quantities, text, expected):
    assert amounts(quantities, text) == expected


def test_a_changed_amount_in_the_next_sentence(quantities):
    assert amounts(quantities, "La prime est de 1 500 euros. Le plafond passera à 2 000 l'an prochain.") == [
        ("1 500 euros", 1500.0, "="), ("2 000", 2000.0, "=")]
    assert amounts(quantities, "Le budget est de 2 000 euros. Le nombre d'élèves passera à 2 500 l'an prochain.") == [
        ("2 000 euros", 2000.0, "=")]


def test_a_count_after_a_count_is_no_amount(quantities):
    text = "La facture atteint 90 000 euros. Sur les 2,1 millions de foyers, 1,5 million ont droit au chèque."
    assert amounts(quantities, text) == [("90 000 euros", 9e4, "=")]
    assert [c[1] for c in counts(quantities, text)] == [2100000, 1500000]


def test_not_one_euro_is_no_amount(quantities):
    assert quantities("Pas un euro ne doit financer le terrorisme.", "MONEY") == []
    assert amounts(quantities, "Il coûte un euro par jour.") == [("un euro", 1.0, "=")]


def test_a_change_of_amount_is_two_amounts_and_a_range_stays_one(quantities):
    assert [(t, v["amount"], v.get("amount_max")) for t, v in quantities(
        "Le budget passera de 10 à 12 millions d'euros ; entre 3 et 5 millions d'euros iront à la culture.", "MONEY")] == [
        ("10", 1e7, None), ("12 millions d'euros", 1.2e7, None), ("3 et 5 millions d'euros", 3e6, 5e6)]


def test_percentages_listed_before_one(quantities):
    assert [(t, v["percent"]) for t, v in quantities("On est à, quoi, 80, 90 % de la capacité ?", "PERCENT")] == [
        ("80", 80.0), ("90 %", 90.0)]
    assert [t for t, _ in quantities("En 2020, 30 % des communes ont signé.", "PERCENT")] == ["30 %"]


# -- what is a length of time ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Ce couple de 45 ans vit dans un pavillon.",
    "Ceux qui commençaient à 23 ans partaient donc autour de 60 ans.",
    "Le seuil de 64 ans reste injuste pour les carrières longues.",
    "L'âge légal de 62 ans sera relevé.",
    "Il est posté de 5 heures à 13 heures.",
    "L'instruction est obligatoire dès 3 ans.",
    "Ceux qui commençaient à 15 voire à 14 ans devaient cotiser plus.",
    "Les Français nés en 1961 partiront à 62 ans et 3 mois.",
])
def test_ages_and_times_of_day_are_no_durations(dates, text):
    assert [f for f in dates(text) if f[0] == "DURATION"] == []


@pytest.mark.parametrize("text, span, iso", [
    ("Une demi-heure de débat suffira.", "Une demi-heure", "PT30M"),
    ("Depuis des jours, les salariés sont en grève.", "des jours", "PXD"),
    ("Pendant des semaines, rien n'a bougé.", "des semaines", "PXW"),
    ("Ils partiront entre deux et six ans avant l'âge légal.", "deux et six ans", "PXY"),
    ("Il travaille 8 heures de 6 heures à 14 heures.", "8 heures", "PT8H"),
    ("Le dispositif sera évalué dès 3 ans après son entrée en vigueur.", "3 ans", "P3Y"),
    ("Il a été condamné à 5 ans de prison.", "5 ans", "P5Y"),
])
def test_durations(dates, text, span, iso):
    assert [(f[1], f[2]["duration"]) for f in dates(text) if f[0] == "DURATION"] == [(span, iso)]


def test_days_off_are_no_duration(dates):
    assert [f for f in dates("Nous avons des jours fériés en mai.") if f[0] == "DURATION"] == []


def test_a_range_of_durations_keeps_its_ends(dates):
    (_, _, value), = [f for f in dates("Il faut entre deux et six ans.") if f[0] == "DURATION"]
    assert (value["amount_min"], value["amount_max"], value["amount"]) == (2, 6, None)


# -- dates -------------------------------------------------------------------------------------------------------
def test_this_year_with_its_number_is_one_date(dates):
    assert [(f[1], f[2]["start"]) for f in dates("Mes meilleurs vœux pour cette année 2023.")] == [
        ("cette année 2023", "2023-01-01")]


@pytest.mark.parametrize("text, span, start", [
    ("Les Français sont fatigués en ce début d'année 2023.", "début d'année 2023", "2023-01-01"),
    ("Au début de l'année 2021, rien n'avait bougé.", "début de l'année 2021", "2021-01-01"),
])
def test_the_edge_of_a_named_year_is_one_date(dates, text, span, start):
    assert [(f[1], f[2]["start"], f[2]["mod"]) for f in dates(text)] == [(span, start, "start")]


def test_more_than_a_decade_ago_is_an_offset(dates):
    ((label, span, value),) = dates("Le dispositif a été créé il y a plus d'une dizaine d'années.")
    assert (label, span, value["mod"]) == ("DATE", "il y a plus d'une dizaine d'années", "approx")
