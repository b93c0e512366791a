"""MONEY, COUNT and PERCENT extractor (tdi_quantities): values, spans and what must not be read."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.quantities.numbers import find_numbers, parse_number


@pytest.fixture(scope="module")
def qnlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_dates", "tdi_quantities"])


def values(nlp, text: str, label: str) -> list[dict]:
    return [s._.value for s in sorted(facts(nlp(text), label), key=lambda s: s.start_char)]


def texts(nlp, text: str, label: str) -> list[str]:
    return [s.text for s in sorted(facts(nlp(text), label), key=lambda s: s.start_char)]


# -- MONEY ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, amount, qualifier", [
    ("Au total, 1,36 milliard d'euros sont fléchés.", 1.36e9, "="),
    ("plus de 1,3 milliard d'euros seront orientés", 1.3e9, ">"),
    ("avec plus d'un milliard d'euros de financements", 1e9, ">"),
    ("108 millions d'euros ont été mobilisés", 108e6, "="),
    ("un budget de 145 M€ pour 2020", 145e6, "="),
    ("une enveloppe de 2,5 Md€", 2.5e9, "="),
    ("une subvention de 1 200 000 € accordée", 1.2e6, "="),
    ("une subvention de 1\u00a0200\u00a0000 € accordée", 1.2e6, "="),
    ("une subvention de 1\u202f200\u202f000 € accordée", 1.2e6, "="),
    ("environ 3 millions d'euros de crédits", 3e6, "~"),
    ("au moins 5 millions d'euros", 5e6, ">="),
    ("moins de 10 euros par habitant", 10, "<"),
    ("jusqu'à 2 millions d'euros par projet", 2e6, "<="),
    ("près de 400 millions d'euros", 400e6, "~"),
    ("un crédit de EUR 1000 sur 3 ans", 1000, "="),
    ("treize euros et quarante-cinq centimes", 13.45, "="),
])
def test_money_values(qnlp, text, amount, qualifier):
    got = values(qnlp, text, "MONEY")
    assert len(got) == 1, got
    assert got[0]["currency"] == "EUR"
    assert got[0]["amount"] == pytest.approx(amount)
    assert got[0]["qualifier"] == qualifier


def test_money_value_format_and_span(qnlp):
    doc = qnlp("Le programme dispose de 1,36 milliard d'euros.")
    (span,) = facts(doc, "MONEY")
    assert span.text == "1,36 milliard d'euros"
    assert span._.value == {"amount": 1360000000.0, "currency": "EUR", "qualifier": "="}


def test_money_qualifier_stays_outside_span(qnlp):
    assert texts(qnlp, "plus de 1,3 milliard d'euros", "MONEY") == ["1,3 milliard d'euros"]


def test_money_and_count_in_one_sentence(qnlp):
    text = "20 millions d'euros pour quarante entreprises"
    assert values(qnlp, text, "MONEY")[0]["amount"] == 20e6
    assert values(qnlp, text, "COUNT") == [{"count": 40, "count_max": None, "unit": "entreprise", "approx": False}]


def test_money_range_and_other_currency(qnlp):
    (v,) = values(qnlp, "un coût compris entre 10 et 20 millions d'euros", "MONEY")
    assert (v["amount"], v["amount_max"]) == (10e6, 20e6)
    (d,) = values(qnlp, "Il a payé 75 millions de dollars.", "MONEY")
    assert d["currency"] == "USD" and d["amount"] == 75e6


def test_au_plus_pres_is_not_a_qualifier(qnlp):
    (v,) = values(qnlp, "au plus près de 29 Territoires d'industrie préfigurateurs", "COUNT")
    assert v["count"] == 29 and v["approx"] is False


# -- PERCENT ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, percent", [
    ("85 % des territoires", 85.0), ("20% d'entre eux", 20.0), ("65 % des projets", 65.0),
    ("un taux de 12,5 %", 12.5), ("dix pour cent des crédits", 10.0), ("vingt-deux pour-cent", 22.0),
    ("un pourcentage de vingt", 20.0),
])
def test_percent(qnlp, text, percent):
    assert values(qnlp, text, "PERCENT") == [{"percent": percent, "qualifier": "="}]


def test_pourcentage_without_a_number_is_not_a_percent(qnlp):
    assert values(qnlp, "le pourcentage des entreprises aidées", "PERCENT") == []


def test_percent_is_not_a_count(qnlp):
    assert values(qnlp, "20% d'entre eux ont signé", "COUNT") == []


# -- COUNT ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, count, count_max, unit, approx", [
    ("dans 124 territoires ciblés", 124, None, "territoire", False),
    ("453 établissements publics de coopération intercommunale", 453, None,
     "établissement public de coopération intercommunale", False),
    ("la création de quatre à cinq emplois indirects", 4, 5, "emploi", False),
    ("la signature d'une dizaine de nouveaux contrats", 10, None, "contrat", True),
    ("les sept premiers contrats ont été signés", 7, None, "contrat", False),
    ("soit 29 territoires", 29, None, "territoire", False),
    ("l'accompagnement de 25 territoires d'industrie fragiles", 25, None, "territoire d'industrie", False),
    ("300 participants à la session plénière", 300, None, "participant", False),
    ("ayant fait remonter plus de 300 projets", 300, None, "projet", True),
    ("le développement d'une politique de filières ambitieuse (18 CSF)", 18, None, "CSF", False),
    ("la réunion des 12 comités de pilotage", 12, None, "comité de pilotage", False),
    ("Deux études du CGET", 2, None, "étude", False),
])
def test_count_values(qnlp, text, count, count_max, unit, approx):
    got = values(qnlp, text, "COUNT")
    assert got == [{"count": count, "count_max": count_max, "unit": unit, "approx": approx}]


def test_count_sequence_shares_unit(qnlp):
    got = values(qnlp, "lancer la phase de déploiement pour les 136, puis 141 territoires d'industrie.", "COUNT")
    assert [(v["count"], v["unit"]) for v in got] == [(136, "territoire d'industrie"), (141, "territoire d'industrie")]


def test_count_change_gives_two_counts(qnlp):
    got = values(qnlp, "qui passent de 141 à 144 territoires d'industrie", "COUNT")
    assert [(v["count"], v["count_max"]) for v in got] == [(141, None), (144, None)]


def test_count_partitive_takes_antecedent(qnlp):
    text = ("De plus, 474 projets ont d'ores et déjà été élaborés par ces Territoires. "
            "A ce jour, 231 d'entre eux ont fait l'objet d'un engagement de l'Etat.")
    got = values(qnlp, text, "COUNT")
    assert [(v["count"], v["unit"]) for v in got] == [(474, "projet"), (231, "projet")]


def test_count_range_takes_the_scale_of_its_end(qnlp):
    (v,) = values(qnlp, "entre 15 et 20 millions de personnes", "COUNT")
    assert (v["count"], v["count_max"], v["unit"]) == (15_000_000, 20_000_000, "personne")


def test_percent_range_gives_both_ends(qnlp):
    assert values(qnlp, "20 à 25% des élèves", "PERCENT") == [{"percent": 20.0, "qualifier": "=", "percent_max": 25.0}]


def test_no_float_noise(qnlp):
    assert values(qnlp, "8,2 milliards d'euros", "MONEY")[0]["amount"] == 8_200_000_000.0


def test_count_span_covers_the_unit(qnlp):
    assert texts(qnlp, "Les 124 Territoires d'industrie identifiés", "COUNT") == ["124 Territoires d'industrie"]


@pytest.mark.parametrize("text", [
    "le 2e comité de pilotage national", "le 1er comité de pilotage régional", "le 2<sup>e</sup> comité",
    "le cinquième pilier", "la 1ère Assemblée Générale", "la 1^{ère} Assemblée Générale",
    "Question publiée au JO le 5 mars 2019, page 2026", "Question écrite n° 17519", "4e circonscription",
    "Numéro de la question : 17519", "en 2019", "Le 5 et 6 mars 2019, s'est déroulée", "Du 18 au 24 mars 2019",
    "Dix mois après le lancement", "sur 2 ans", "un programme de travail", "à 14h30 le conseil",
    "voir https://www.youtube.com/watch?v=hcm3-HBKujQ", "la liste 22112018.jpg", "75007 Paris",
    "les patients du COVID-19 hospitalisés", "les deux tiers du choc", "un trottoir de 20 centimètres",
    "dans ces 100 milliards de plan de relance",
])
def test_not_counts(qnlp, text):
    assert values(qnlp, text, "COUNT") == []


def test_no_quantity_overlaps_a_date(qnlp):
    doc = qnlp("Le 22 novembre 2018, 124 territoires ont été annoncés avec 1,36 milliard d'euros.")
    dates = [s for s in facts(doc) if s.label_ in ("DATE", "DURATION")]
    ours = [s for s in facts(doc) if s.label_ in ("MONEY", "COUNT", "PERCENT")]
    assert len(ours) == 2
    for d in dates:
        assert all(d.end_char <= s.start_char or s.end_char <= d.start_char for s in ours)


# -- number grammar ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("quatre vingt dix neuf", 99), ("soixante et onze", 71), ("dix sept", 17), ("un million deux cent mille", 1.2e6),
    ("1.200.000", 1.2e6), ("6 700,54", 6700.54), ("-1,2M", -1.2e6), ("moins 1200000", -1.2e6), ("100K", 1e5),
    ("cent dix-huit", 118), ("zéro", 0),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_find_numbers_skips_ordinals_and_units():
    text = "le 2e, le 1er, 180ml, 29km, 15ème, mais 124 et trois"
    assert [n.value for n in find_numbers(text)] == [124, 3]


# -- recall on unseen text (issue 14) ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, amounts", [
    ("Une dotation de 8 milliards d'euros en 2024, puis de 9 milliards en 2026.", [8e9, 9e9]),
    ("Le fonds atteint 50 millions d'euros, soit 5 millions de plus qu'en 2022.", [50e6, 5e6]),
    ("L'État apporte 30 millions d'euros. La région intervient à hauteur de 10 millions.", [30e6, 10e6]),
])
def test_money_currency_carried_in_the_sentence(qnlp, text, amounts):
    got = values(qnlp, text, "MONEY")
    assert [v["amount"] for v in got] == amounts
    assert {v["currency"] for v in got} == {"EUR"}


def test_scaled_number_without_money_before_is_not_money(qnlp):
    assert values(qnlp, "Près de 2 millions de personnes sont concernées.", "MONEY") == []


def test_percent_range_is_one_mention(qnlp):
    assert values(qnlp, "une baisse de 5 à 6 % du chômage", "PERCENT") == [
        {"percent": 5.0, "qualifier": "=", "percent_max": 6.0}]


def test_percent_change_gives_two_values(qnlp):
    got = values(qnlp, "le taux est passé de 5 à 6 % en un an", "PERCENT")
    assert [v["percent"] for v in got] == [5.0, 6.0]


def test_percent_keeps_its_qualifier(qnlp):
    assert values(qnlp, "plus de 80 % des communes", "PERCENT") == [{"percent": 80.0, "qualifier": ">"}]
    assert texts(qnlp, "plus de 80 % des communes", "PERCENT") == ["80 %"]


# -- issue 14: nouns apart, amounts without a currency word, percent ranges ------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Les services évaluent à 85 000 le nombre de places manquantes.", [(85000, "place")]),
    ("Il reste 12 000 foyers isolés ; 12 000 y ont droit dès demain.", [(12000, "foyer"), (12000, "foyer")]),
    ("Le nombre de guichets fermés ? Il s'élevait à 57.", [(57, "guichet")]),
    ("un effectif passé de 1 200 à 1 450 en trois ans", [(1200, "effectif"), (1450, "effectif")]),
    ("à peine 40 sur 3 000 sages-femmes", [(40, "sage-femme"), (3000, "sage-femme")]),
])
def test_count_noun_apart(qnlp, text, expected):
    assert [(v["count"], v["unit"]) for v in values(qnlp, text, "COUNT")] == expected


@pytest.mark.parametrize("text", ["Rendez-vous à 8.", "Un patient sur deux attend.", "Je pense à 2."])
def test_count_noun_apart_needs_an_antecedent(qnlp, text):
    assert values(qnlp, text, "COUNT") == []


def test_money_after_an_amount_cue_is_in_euros(qnlp):
    (v,) = values(qnlp, "La région soutient l'atelier à hauteur de 25 millions.", "MONEY")
    assert (v["amount"], v["currency"]) == (25e6, "EUR")


def test_percent_range_after_a_verb_of_decrease(qnlp):
    assert values(qnlp, "les prix ont baissé de 5 à 7 % cette année", "PERCENT") == [
        {"percent": 5.0, "qualifier": "=", "percent_max": 7.0}]
    assert values(qnlp, "plus de 80 % des écoles", "PERCENT") == [{"percent": 80.0, "qualifier": ">"}]


@pytest.mark.parametrize("text, span, unit", [
    ("Nous avons reçu des centaines de courriers de parents.", "des centaines de courriers", "courrier"),
    ("Plusieurs dizaines de milliers de foyers restent privés de chauffage.",
     "Plusieurs dizaines de milliers de foyers", "foyer"),
    ("Quelques milliers d'agriculteurs ont manifesté.", "Quelques milliers d'agriculteurs", "agriculteur"),
])
def test_vague_plural_counts_have_no_count(qnlp, text, span, unit):
    assert texts(qnlp, text, "COUNT") == [span]
    assert values(qnlp, text, "COUNT") == [{"count": None, "count_max": None, "unit": unit, "approx": True}]


def test_vague_amounts_of_money_are_not_counts(qnlp):
    assert values(qnlp, "Des millions d'euros ont été dépensés.", "COUNT") == []


@pytest.mark.parametrize("text, expected", [
    ("Trois nouveaux points d'accueil ouvriront.", [(3, "point d'accueil")]),
    ("Le taux a gagné 3 points de pourcentage en 2 points de vente.", [(2, "point de vente")]),
    ("Il a perdu 2 points.", []),
])
def test_points_counted_only_with_a_noun_of_their_own(qnlp, text, expected):
    assert [(v["count"], v["unit"]) for v in values(qnlp, text, "COUNT")] == expected


@pytest.mark.parametrize("text, amount", [
    ("Le plan de relance mobilise 100 milliards pour l'économie.", 100e9),
    ("L'État a dépensé 45 milliards pour le bouclier tarifaire.", 45e9),
    ("Le budget de la défense atteindra 50 milliards en 2025.", 50e9),
])
def test_scaled_amount_in_a_money_context_is_in_euros(qnlp, text, amount):
    (v,) = values(qnlp, text, "MONEY")
    assert (v["amount"], v["currency"], v.get("currency_inferred")) == (amount, "EUR", True)


@pytest.mark.parametrize("text", [
    "Le plan concerne 3 millions de Français.",
    "Le plan touche 5 millions, soit 10 % des foyers.",
    "La population atteint 68 millions.",
])
def test_scaled_numbers_without_a_money_context_are_not_money(qnlp, text):
    assert values(qnlp, text, "MONEY") == []


def test_amount_at_the_end_of_a_sentence_leaves_the_period_out(qnlp):
    assert texts(qnlp, "Le coût atteint 250 M€. La suite est prévue.", "MONEY") == ["250 M€"]


# -- issue 14, dev sample rules: currency set earlier in the text, elided amounts, series, people counted --------

@pytest.mark.parametrize("text, amounts", [
    ("Le budget atteint 820 millions d'euros. Il sera relevé de quelque 12 millions, pour financer les primes.",
     [820e6, 12e6]),
    ("La ligne est dotée de 3 milliards d'euros. Une réserve spéciale de 7 millions destinée aux imprévus s'y ajoute.",
     [3e9, 7e6]),
    ("Les banques ont prêté 90 milliards d'euros. Les trois quarts des 90 milliards de prêts sont allés aux TPE.",
     [90e9, 90e9]),
    ("L'État a versé 4 milliards d'euros au groupe, qui affiche pourtant 9 milliards de pertes.", [4e9, 9e9]),
    ("Sur les 14 milliards d'économies, 9 milliards pèseront sur l'État et 5 milliards sur les régions.",
     [14e9, 9e9, 5e9]),
])
def test_scaled_amount_takes_the_currency_of_an_earlier_amount(qnlp, text, amounts):
    got = values(qnlp, text, "MONEY")
    assert [v["amount"] for v in got] == amounts
    assert {v["currency"] for v in got} == {"EUR"}


@pytest.mark.parametrize("text", [
    "Le plan coûte 2 milliards d'euros. Il touche 3 millions de ménages.",
    "Le fonds est doté de 50 millions d'euros. Elles sont 2 millions à en bénéficier.",
    "La mesure coûte 6 milliards d'euros ; 1,2 million d'entre eux en profiteront.",
    "Les banques ont accordé 2 millions de prêts. Ce sont 3 millions d'aides en tout.",
])
def test_counted_nouns_after_an_earlier_amount_are_not_money(qnlp, text):
    assert len(values(qnlp, text, "MONEY")) == ("euros" in text)


@pytest.mark.parametrize("text, amounts", [
    ("Les frais atteignent 2 milliards d'euros. Le programme pèse 80 milliards, dont 30 apportés par les régions.",
     [2e9, 80e9, 30e9]),
    ("Nous avions réservé 5 milliards d'euros ; nous n'en avons utilisé que 3, le reste est disponible.",
     [5e9, 3e9]),
    ("L'aide passe à 2 000 euros au lieu des 800 actuels.", [2000, 800]),
    ("Les loyers de 600, 650 ou 700 euros sont concernés.", [600, 650, 700]),
])
def test_bare_numbers_beside_an_amount_are_amounts(qnlp, text, amounts):
    got = values(qnlp, text, "MONEY")
    assert [v["amount"] for v in got] == amounts
    assert {v["currency"] for v in got} == {"EUR"}


@pytest.mark.parametrize("text, qualifier", [
    ("Le chèque est plafonné à 300 euros par foyer.", "<="),
    ("Il faudra 12 milliards d'euros au minimum.", ">="),
    ("Le ticket coûte proche de 3 euros.", "~"),
])
def test_money_qualifiers_before_and_after(qnlp, text, qualifier):
    (v,) = values(qnlp, text, "MONEY")
    assert v["qualifier"] == qualifier


@pytest.mark.parametrize("text, expected", [
    ("Le dispositif a aidé un demi-million de familles.", [(500000, None, "famille")]),
    ("Il a soutenu 2,4 millions de très petites entreprises.", [(2400000, None, "entreprise")]),
    ("Nous ouvrirons 40 000 parcours de formation.", [(40000, None, "parcours")]),
    ("Sur 12 millions de salariés, 1,5 million d'entre eux sont à temps partiel.",
     [(12000000, None, "salarié"), (1500000, None, "salarié")]),
    ("Selon l'Insee, elles sont de 3 à 5 millions à renoncer aux soins.", [(3000000, 5000000, "personne")]),
    ("Ils sont 600 à attendre une réponse.", [(600, None, "personne")]),
])
def test_counts_with_scales_adjectives_and_people(qnlp, text, expected):
    assert [(v["count"], v["count_max"], v["unit"]) for v in values(qnlp, text, "COUNT")] == expected


@pytest.mark.parametrize("text", ["Huit salariés sur dix approuvent.", "Une famille sur trois renonce aux vacances."])
def test_proportions_are_not_counts(qnlp, text):
    assert values(qnlp, text, "COUNT") == []


def test_scale_abbreviations_are_not_carried_amounts(qnlp):
    text = "Le plan coûte 2 milliards d'euros. Le déploiement de la 5G et de la 4G continue."
    assert [v["amount"] for v in values(qnlp, text, "MONEY")] == [2e9]


@pytest.mark.parametrize("text, amounts", [
    ("Le plan de relance pèse 60 milliards, dont 25 milliards apportés par l'Europe.", [60e9, 25e9]),
    ("Nous avions réservé 12 milliards d'euros. Nous en avons utilisé 9 donc il en reste.", [12e9, 9e9]),
    ("La commune recevra une enveloppe de 30 millions pour ses écoles.", [30e6]),
    ("Le ministère a mobilisé 2,5 milliards de financement pour les PME.", [2.5e9]),
    ("Le déficit est de 4 milliards d'euros, près de 5 milliards d'ailleurs.", [4e9, 5e9]),
    ("Le pays aura un PIB qui sera à 2 500 milliards cette année.", [2.5e12]),
    ("Il veille à ce que les 40 milliards du plan soient bien dépensés.", [40e9]),
])
def test_amounts_with_no_currency_from_context(qnlp, text, amounts):
    assert [v["amount"] for v in values(qnlp, text, "MONEY")] == amounts


def test_counts_after_des_are_not_money(qnlp):
    text = "Le plan coûte 2 milliards d'euros pour 3 millions des ménages les plus modestes."
    assert [v["amount"] for v in values(qnlp, text, "MONEY")] == [2e9]
