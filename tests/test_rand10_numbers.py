"""Round 10 of the number rules for unseen text (issue 14, tests/data/eval/dev_numbers10/README.md): amounts listed
after one in euros ("800 euros pour un couple, 1 200 pour une famille"), "approcher"/"avoisiner" as "~"; counts whose
noun is apart ("Vous êtes 40 et ...", "au nombre de 37"), rough ranges ("deux trois grandes entreprises"), list
markers ("et deux, relancer"), "garde des Sceaux", nautical miles; dates and durations: "voilà plusieurs mois",
"de longues années", "Huit heures seize", "scolarisé à 3 ans", "il y a 1,5 an ou 2 ans", "passer de 12 à 14
semaines", "deux, trois semaines", "Vingt-Sept." (no month), "dans une année normale", a unit before an amount.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md and the dev_numbers READMEs.
"""
from __future__ import annotations

import pytest

from conftest import guide_dates


def money(quantities, text: str) -> list[tuple[str, float | None, str, str]]:
    return [(t, v["amount"], v["currency"], v["qualifier"]) for t, v in quantities(text, "MONEY")]


def counts(quantities, text: str) -> list[tuple[str, int | None, int | None, str]]:
    return [(t, v["count"], v["count_max"], v["unit"]) for t, v in quantities(text, "COUNT")]


@pytest.fixture(scope="module")
def dates(dates_nlp):
    def run(text: str, ref: str = "2021-03-15"):
        return guide_dates(dates_nlp, text, ref)
    return run


# -- MONEY -------------------------------------------------------------------------------------------------------
def test_bare_amounts_listed_after_an_amount_take_its_currency(quantities):
    got = money(quantities, "Le chèque est de 800 euros pour un couple, 1 200 pour une famille, et il peut aller "
                            "jusqu'à 2 000.")
    assert got == [("800 euros", 800.0, "EUR", "="), ("1 200", 1200.0, "EUR", "="), ("2 000", 2000.0, "EUR", "<=")]


@pytest.mark.parametrize("text", [
    "Une aide de 300 euros en 2021, 2022 sera plus dure.",      # a year after the comma
    "Il a payé 300 euros, 12 personnes sont venues.",            # a count after the comma
    "Une prime de 100 euros, 3 fois par an.",                    # a frequency
])
def test_a_list_needs_an_amount_of_its_own(quantities, text):
    assert len(money(quantities, text)) == 1


@pytest.mark.parametrize("text, span", [
    ("Le coût approcherait alors les 3 milliards d'euros.", "3 milliards d'euros"),
    ("Le loyer avoisine 900 euros.", "900 euros"),
])
def test_approcher_and_avoisiner_are_approximations(quantities, text, span):
    assert [(t, q) for t, _, _, q in money(quantities, text)] == [(span, "~")]


# -- COUNT -------------------------------------------------------------------------------------------------------
def test_a_small_number_after_a_people_copula_repeats_a_count(quantities):
    got = counts(quantities, "Nous avons retenu les 40 premières communes. Vous êtes 40 et nous avons reçu 300 dossiers.")
    assert ("40", 40, None, "commune") in got


def test_a_copula_number_without_an_earlier_count_is_no_count(quantities):
    assert counts(quantities, "Ils sont 40 et ils ont faim.") == []


def test_au_nombre_de_counts_the_subject(quantities):
    got = counts(quantities, "Les écoles rurales du canton sont au nombre aujourd'hui de 37, c'est peu.")
    assert [(t, c) for t, c, _, _ in got] == [("37", 37)]
    assert got[0][3] == "école"


@pytest.mark.parametrize("text, span", [
    ("La ville dépend de deux trois grandes entreprises.", "deux trois grandes entreprises"),
    ("Il y a 30 salariés et deux, trois intérimaires.", "deux, trois intérimaires"),
])
def test_two_consecutive_number_words_are_a_rough_range(quantities, text, span):
    assert (span, 2, 3) in [(t, c, m) for t, c, m, _ in counts(quantities, text)]


def test_a_number_word_between_et_and_a_comma_is_a_list_marker(quantities):
    assert counts(quantities, "Nous avons deux priorités : un, protéger, et deux, relancer l'économie.") == [
        ("deux priorités", 2, None, "priorité")]


def test_garde_des_sceaux_is_a_fixed_term(quantities):
    assert [t for t, *_ in counts(quantities, "On a connu 12 gardes des Sceaux en vingt ans.")] == ["12 gardes des Sceaux"]


def test_nautical_miles_are_a_measure(quantities):
    assert counts(quantities, "La zone des 6 à 12 milles marins est sensible.") == []


# -- DATE and DURATION -------------------------------------------------------------------------------------------
def test_voila_is_an_offset_into_the_past(dates):
    got = dates("Ce rapport a été rendu public voilà plusieurs mois.")
    assert [(lab, t) for lab, t, _ in got] == [("DATE", "voilà plusieurs mois")]
    assert got[0][2]["end"] < "2021-03-15"


def test_de_longues_annees_is_a_vague_duration(dates):
    assert dates("Il a dirigé pendant de longues années ce service.") == [
        ("DURATION", "de longues années", {"duration": "PXY", "amount": None, "unit": "year"})]


@pytest.mark.parametrize("text", ["Neuf heures douze, voici les titres.", "Il est sept heures trente."])
def test_hours_then_minutes_are_a_time_of_day(dates, text):
    assert dates(text) == []


def test_hours_followed_by_a_count_stay_a_duration(dates):
    assert [t for _, t, _ in dates("Il a travaillé deux heures trois fois par semaine.")] == ["deux heures"]


@pytest.mark.parametrize("text", ["L'obligation d'être scolarisé à 3 ans est entrée en vigueur.",
                                  "Les enfants vaccinés à 2 ans sont protégés."])
def test_an_age_after_a_participle_and_a(dates, text):
    assert [lab for lab, *_ in dates(text)] == []


def test_a_decimal_offset_is_read_in_months(dates):
    got = dates("Il y a 1,5 an ou 2 ans, ils avaient signé.")
    assert [(lab, t) for lab, t, _ in got] == [("DATE", "Il y a 1,5 an ou 2 ans")]
    assert (got[0][2]["start"], got[0][2]["end"]) == ("2019-03-15", "2019-09-15")


def test_a_decimal_offset_alone(dates):
    got = dates("Il y a 1,5 an, ils avaient signé.")
    assert [(lab, t) for lab, t, _ in got] == [("DATE", "Il y a 1,5 an")]
    assert got[0][2]["start"] == "2019-09-15"


def test_passer_de_n_a_m_weeks_is_a_change(dates):
    assert [(t, v["duration"]) for _, t, v in dates("Le délai va passer de 10 à 12 semaines.")] == [
        ("10", "P10W"), ("12 semaines", "P12W")]


def test_two_consecutive_words_with_a_comma_are_a_rough_duration_range(dates):
    got = dates("On en parle depuis deux, trois semaines.")
    assert [(t, v.get("amount_min"), v.get("amount_max")) for _, t, v in got] == [("deux, trois semaines", 2, 3)]


def test_a_list_of_digits_with_a_comma_is_no_rough_range(dates):
    assert [t for _, t, _ in dates("Ils ont servi 5, 10 ans.")] == ["10 ans"]


def test_vingt_sept_is_not_a_day_of_september(dates):
    assert dates("Les Vingt-Sept. Puis les Vingt-Sept ont voté.") == []


def test_an_abbreviated_month_still_reads(dates):
    assert [t for _, t, _ in dates("Le 3 sept. 2020 il est venu.")] == ["Le 3 sept. 2020"]


def test_a_kind_of_year_is_no_offset(dates):
    assert dates("Beaucoup d'entreprises ferment dans une année normale.") == []


def test_a_unit_may_stand_before_an_amount_of_money(dates):
    assert [t for _, t, _ in dates("Il a versé en quelques semaines 6 milliards d'euros.")] == ["quelques semaines"]


def test_a_unit_before_a_bare_number_is_still_not_a_duration(dates):
    assert dates("C'est écrit à la semaine 12 du calendrier.") == []


def test_an_abbreviated_month_after_a_digit_and_a_hyphen_still_reads(dates):
    assert [t for _, t, _ in dates("Je vais rentrer le 28-nov.")] == ["le 28-nov."]


def test_a_unit_inside_an_offset_list_only_before_a_or_ou(dates):
    assert [t for _, t, _ in dates("Il est parti il y a deux ans, un mois et vingt jours.")][0] == "il y a deux ans"


def test_passer_is_a_change_only_right_before_the_range(dates):
    # a form of "passer" elsewhere in the clause does not split a range in two
    assert [(t, v.get("amount_min"), v.get("amount_max")) for _, t, v in dates("Le temps passe : de 3 à 5 ans d'attente.")
            if "amount_min" in v] == [("3 à 5 ans", 3, 5)]
    assert [t for _, t, _ in dates("Le délai passe ainsi de 10 à 12 semaines.")] == ["10", "12 semaines"]
