"""Round 4 of the number and date rules for unseen text (issue 14): what is no DATE or DURATION on ordinary text
(generic "hier"/"aujourd'hui"/"demain", a copular "une année", offsets in minutes, ages), the guide's bounds ("en
mars dernier", "mois de juin", the qualifier out of a DURATION), ranges and changes of durations and counts, pension
quarters as COUNTs, and counts whose noun is apart ("contre 10 785", "dix de nos concitoyens").

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and
tests/data/eval/dev_numbers4/README.md.
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate



@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2023-01-18", convention: str = "guide"):
        doc = annotate(dates_nlp, [text], [ref], convention=convention)[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc)]
    return run



def spans(found, label: str) -> list[str]:
    return [t for lab, t, _ in found if lab == label]


def counts(quantities, text: str) -> list[tuple[str, int | None, int | None, str]]:
    return [(t, v["count"], v["count_max"], v["unit"]) for t, v in quantities(text, "COUNT")]


# -- no DATE, no DURATION ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Nous bâtissons le pays de demain avec les outils d'hier.",
    "Un lycéen d'aujourd'hui lit moins que ses parents.",
    "La France d'aujourd'hui n'a plus les mêmes besoins.",
    "Le chantier s'achèvera en 2031, c'est-à-dire demain.",
    "Notre région sera demain la première productrice d'hydrogène.",
])
def test_generic_deictic_days_are_no_dates(dates, text):
    assert not [t for t in spans(dates(text), "DATE") if t.lower() in ("hier", "aujourd'hui", "demain")]


@pytest.mark.parametrize("text, day", [
    ("La réunion d'hier a duré trois heures.", "hier"),
    ("Le conseil se réunira demain à Lille.", "demain"),
    ("Les écoles ferment à partir de demain.", "demain"),
])
def test_deictic_days_that_name_a_day_stay(dates, text, day):
    assert day in spans(dates(text), "DATE")


def test_a_copular_year_and_minutes_ago_are_no_durations(dates):
    assert dates("Il s'agit d'une année décisive pour nos agriculteurs.") == []
    assert spans(dates("Le ministre a parlé il y a quelques minutes."), "DURATION") == []
    assert spans(dates("Le ministre a parlé il y a quelques minutes."), "DATE") == []


def test_an_adverb_inside_an_offset(dates):
    found = dates("Nous nous étions vus il y a encore quelques semaines.")
    assert spans(found, "DATE") == ["il y a encore quelques semaines"] and spans(found, "DURATION") == []


# -- bounds --------------------------------------------------------------------------------------------------------
def test_en_is_kept_before_a_relative_month_and_au_left_out(dates):
    found = dates("Le texte, déposé en octobre dernier, sera voté au mois de mars ; en 2024 il s'appliquera.")
    assert spans(found, "DATE") == ["en octobre dernier", "mois de mars", "2024"]


def test_timeml_keeps_its_own_month_bounds(dates):
    found = dates("Le texte, déposé en octobre dernier, sera voté au mois de mars.", convention="timeml")
    assert spans(found, "DATE") == ["octobre dernier", "au mois de mars"]


def test_the_qualifier_is_out_of_a_duration_span_and_in_its_value(dates):
    (label, text, value), = [f for f in dates("Près de quatre ans plus tard, l'usine rouvre.") if f[0] == "DURATION"]
    assert text == "quatre ans" and value["amount"] == 4 and value["mod"] == "approx"


# -- durations: ranges, changes, vague amounts --------------------------------------------------------------------
def test_a_duration_range_is_one_mention(dates):
    (label, text, value), = dates("L'attente pour un rendez-vous est de quatre à neuf mois.")
    assert (label, text) == ("DURATION", "quatre à neuf mois")
    assert (value["amount_min"], value["amount_max"], value["unit"]) == (4, 9, "month")


def test_a_change_of_length_is_two_durations_and_an_age_range_none(dates):
    found = dates("L'allongement de la durée du bail de trois à six ans inquiète ; l'âge passe de 60 à 62 ans.")
    assert spans(found, "DURATION") == ["trois", "six ans"]


@pytest.mark.parametrize("text, span", [
    ("Le chantier prendra quelques dizaines d'années.", "quelques dizaines d'années"),
    ("Le produit d'une seule année ne suffit pas.", "une seule année"),
])
def test_vague_and_single_durations(dates, text, span):
    assert spans(dates(text), "DURATION") == [span]


def test_years_of_a_period_after_a_change_word_without_an_amount(dates):
    found = dates("La hausse des effectifs, sur deux ans, entre 2025 et 2027, sera financée.")
    assert spans(found, "DATE") == ["entre 2025 et 2027"]
    assert spans(dates("Le trafic a progressé de 8 % entre 2021 et 2022."), "DATE") == ["2021", "2022"]


# -- counts --------------------------------------------------------------------------------------------------------
def test_pension_quarters_are_counts_not_durations(quantities, dates):
    text = "Chaque mère obtient huit trimestres de majoration pour sa retraite."
    assert counts(quantities, text) == [("huit trimestres", 8, None, "trimestre")]
    assert spans(dates(text), "DURATION") == []
    assert spans(dates("L'économie a reculé pendant deux trimestres."), "DURATION") == ["deux trimestres"]


@pytest.mark.parametrize("text, expected", [
    ("Le département recrutera entre 1200 et 2000 agents cette année.",
     [("entre 1200 et 2000 agents", 1200, 2000, "agent")]),
    ("Ce sont 5 à 6000 logements qui seront rénovés.", [("5 à 6000 logements", 5000, 6000, "logement")]),
    ("La ville a accueilli 4 210 réfugiés, contre 3 900 pour Lyon et 2 100 pour Nantes.",
     [("4 210 réfugiés", 4210, None, "réfugié"), ("3 900", 3900, None, "réfugié"), ("2 100", 2100, None, "réfugié")]),
    ("Cette nuit, douze de nos soldats ont été blessés.", [("douze de nos soldats", 12, None, "soldat")]),
    ("On recense 7 400 étrangers résidant dans la commune.", [("7 400 étrangers", 7400, None, "étranger")]),
    ("La préfecture a délivré 12 000 titres de séjour.", [("12 000 titres de séjour", 12000, None, "titre de séjour")]),
])
def test_count_ranges_comparisons_and_partitives(quantities, text, expected):
    assert counts(quantities, text) == expected


def test_a_year_like_end_of_a_count_range_is_no_date(dates, quantities):
    text = "Le département recrutera entre 1200 et 2000 agents cette année."
    assert "2000" not in spans(dates(text), "DATE")


def test_tous_deux_is_a_pronoun(quantities):
    assert counts(quantities, "Les deux ministres ont tous deux eu la parole ; toutes trois sont venues.") == [
        ("deux ministres", 2, None, "ministre")]


def test_a_present_change_verb_gives_two_amounts(quantities):
    found = [(t, v["amount"]) for t, v in quantities("L'aide passe de 800 à 1 500 euros par mois.", "MONEY")]
    assert found == [("800", 800.0), ("1 500 euros", 1500.0)]


def test_money_put_on_the_table_is_in_euros(quantities):
    found = [(t, v["amount"], v["currency"]) for t, v in quantities(
        "Pour les écoles, la région a mis 2 milliards sur la table.", "MONEY")]
    assert found == [("2 milliards", 2e9, "EUR")]


@pytest.mark.parametrize("text", [
    "Pour les lycées, ce fut une année blanche.",
    "Les syndicats appellent à une journée de mobilisation jeudi.",
    "Le retour aux 35 heures divise la majorité.",
])
def test_kinds_of_days_and_years_and_work_time_regimes_are_no_durations(dates, text):
    assert spans(dates(text), "DURATION") == []


def test_a_deadline_year_is_that_year_under_the_guide(dates):
    (label, text, value), = dates("La flotte sera électrique d'ici à 2035.")
    assert (text, value["start"], value["end"], value["granularity"]) == ("2035", "2035-01-01", "2035-12-31", "year")
    (label, text, value), = dates("La flotte sera électrique d'ici à 2035.", convention="timeml")
    assert text == "d'ici à 2035" and value["mod"] == "by"


@pytest.mark.parametrize("text", [
    "La crèche reçoit des enfants de 2 à 4 ans.",
    "Le comité se réunit tous les trois ans.",
])
def test_age_ranges_and_frequencies_are_no_durations(dates, text):
    assert spans(dates(text), "DURATION") == []


def test_a_weekday_after_a_future_form_the_tagger_misses_is_the_coming_one(dates):
    # 2023-01-18 is a Wednesday: the coming Tuesday is the 24th, the last one the 17th
    (label, text, value), = dates("Nous en reparlerons mardi.")
    assert value["start"] == "2023-01-24"
    (label, text, value), = dates("Nous en avons reparlé mardi.")
    assert value["start"] == "2023-01-17"


@pytest.mark.parametrize("text", [
    "Chaque hiver, les routes de montagne ferment.",
    "Cette année-là, la récolte fut mauvaise.",
])
def test_recurring_seasons_and_anaphoric_years_are_no_dates(dates, text):
    assert spans(dates(text), "DATE") == []


def test_a_vague_multiple_of_millions_of_euros_is_money_without_an_amount(quantities):
    found = quantities("La réforme coûtera plusieurs centaines de millions d'euros aux communes.", "MONEY")
    assert found == [("plusieurs centaines de millions d'euros", {"amount": None, "currency": "EUR", "qualifier": "~"})]
    assert quantities("Il y a quelques dizaines de millions d'habitants.", "MONEY") == []


def test_a_money_value_without_an_amount_is_shown_in_french():
    from tdi_nlp.web.render import format_value
    assert format_value("MONEY", {"amount": None, "currency": "EUR", "qualifier": "~"}) == "montant non précisé €"


@pytest.mark.parametrize("text", [
    "Nos soldats servent aux quatre coins du monde.",
    "C'est deux poids, deux mesures pour les agriculteurs.",
    "Nous refusons une école à deux vitesses.",
])
def test_set_phrases_count_nothing(quantities, text):
    assert counts(quantities, text) == []


def test_the_same_words_outside_a_set_phrase_are_counts(quantities):
    assert counts(quantities, "Nous prendrons deux mesures nouvelles.") == [("deux mesures", 2, None, "mesure")]


@pytest.mark.parametrize("text", [
    "Un bébé de huit mois a été hospitalisé.",
    "L'incendie a éclaté à 3 heures du matin.",
    "La fête a lieu une année sur deux.",
])
def test_ages_in_months_times_of_day_and_one_in_n_are_no_durations(dates, text):
    assert spans(dates(text), "DURATION") == []


def test_a_length_in_months_after_a_noun_stays(dates):
    assert spans(dates("Elle a fait un stage de huit mois."), "DURATION") == ["huit mois"]


def test_a_range_of_bare_numbers_after_a_count_is_one_count(quantities):
    assert counts(quantities, "Il reste 500 dossiers ; entre 100 et 200 seront traités demain.") == [
        ("500 dossiers", 500, None, "dossier"), ("entre 100 et 200", 100, 200, "dossier")]
