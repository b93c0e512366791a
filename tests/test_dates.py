"""DATE / DURATION extractor (tdi_dates): grammar cases of issue 3, year inference, values."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.values import to_timex
from tdi_nlp.components.dates.component import annotate



@pytest.fixture(scope="module")
def extract(dates_nlp):
    def run(text: str, ref: str | None = None, label: str | None = "DATE"):
        doc = annotate(dates_nlp, [text], [ref])[0]
        return [(s.text, s._.value) for s in facts(doc, label)]
    return run


def one(found):
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, start, end, granularity", [
    ("Lancé le 22 novembre 2018 par le Premier ministre.", "le 22 novembre 2018", "2018-11-22", "2018-11-22", "day"),
    ("Le 5 et 6 mars 2019, s'est déroulée à Lyon", "Le 5 et 6 mars 2019", "2019-03-05", "2019-03-06", "day"),
    ("GLOBAL INDUSTRIE 5 & 6 MARS 2019 EUREXPO", "5 & 6 MARS 2019", "2019-03-05", "2019-03-06", "day"),
    ("EuroExpo Lyon – 5-6 mars 2019", "5-6 mars 2019", "2019-03-05", "2019-03-06", "day"),
    ("Du 18 au 24 mars 2019, les sept premiers contrats", "Du 18 au 24 mars 2019", "2019-03-18", "2019-03-24", "day"),
    ("la Semaine de l'industrie (18 au 24 mars 2019).", "18 au 24 mars 2019", "2019-03-18", "2019-03-24", "day"),
    ("Janvier 2019 : une phase de lancement", "Janvier 2019", "2019-01-01", "2019-01-31", "month"),
    ("a été nommé en janvier 2019 délégué", "janvier 2019", "2019-01-01", "2019-01-31", "month"),
    ("une mission conduite à l'automne 2018,", "l'automne 2018", "2018-09-23", "2018-12-20", "season"),
    ("durant le premier semestre 2019.", "le premier semestre 2019", "2019-01-01", "2019-06-30", "semester"),
    ("au troisième trimestre 2020", "troisième trimestre 2020", "2020-07-01", "2020-09-30", "quarter"),
    ("entre 2018 et 2020", "entre 2018 et 2020", "2018-01-01", "2020-12-31", "year"),
    ("de janvier à mars 2019", "de janvier à mars 2019", "2019-01-01", "2019-03-31", "month"),
    ("du 10 juin au 1er juillet 2019", "du 10 juin au 1er juillet 2019", "2019-06-10", "2019-07-01", "day"),
    ("le décret du 16/04/2019", "16/04/2019", "2019-04-16", "2019-04-16", "day"),
])
def test_explicit_dates(extract, text, span, start, end, granularity):
    got_span, value = one(extract(text, "2019-09-24"))
    assert span in got_span
    assert (value["start"], value["end"], value["granularity"]) == (start, end, granularity)
    assert value["inferred_year"] is False


@pytest.mark.parametrize("text, ref, start", [
    ("le comité s'est tenu le 2 juillet", "2019-09-24", "2019-07-02"),
    ("le 1er juillet", "2019-05-10", "2019-07-01"),
    ("le Conseil national de l'industrie du 5 mars", "2019-04-16", "2019-03-05"),
    ("ouvert jusqu'au 30 avril prochain", "2019-02-01", "2019-04-30"),
    ("ouvert jusqu'au 30 avril prochain", "2019-09-24", "2020-04-30"),
    ("le conseil du 22 novembre dernier", "2019-03-05", "2018-11-22"),
    ("Les territoires ont été annoncés le 22 novembre.", "2019-03-05", "2018-11-22"),  # past tense
    ("La réunion aura lieu le 15 janvier.", "2019-11-20", "2020-01-15"),  # future tense
])
def test_year_from_document_date(extract, text, ref, start):
    _, value = one(extract(text, ref))
    assert value["start"] == start
    assert value["inferred_year"] is True


def test_year_from_latest_explicit_date_without_document_date(extract):
    text = ("A l'automne 2018, une mission a été conduite. Le 5 et 6 mars 2019 s'est tenue l'assemblée. "
            "Le conseil du 22 novembre 2018 a lancé le programme. Le comité s'est tenu le 2 juillet.")
    found = extract(text, None)
    assert found[-1][0] == "le 2 juillet"
    assert found[-1][1]["start"] == "2019-07-02" and found[-1][1]["inferred_year"] is True


def test_year_from_same_day_written_in_full_earlier(extract):
    text = "Lors du conseil du 22 novembre 2018, le Premier ministre a présenté la carte. Annoncés le 22 novembre, ..."
    found = extract(text, "2019-11-30")
    assert [v["start"] for _, v in found] == ["2018-11-22", "2018-11-22"]


def test_year_from_explicit_year_before(extract):
    _, value = extract("En 2017, le plan a démarré. Le 5 mars, le comité s'est réuni.", None)[-1]
    assert value["start"] == "2017-03-05"


def test_no_year_at_all_gives_no_date(extract):
    assert extract("Le comité s'est tenu le 2 juillet.", None) == []


def test_end_of_year_deadline(extract):
    span, value = one(extract("des plans approuvés avec les Régions d'ici la fin de l'année.", "2019-09-24"))
    assert span == "d'ici la fin de l'année"
    assert value["end"] == "2019-12-31" and value["start"] == "2019-09-24" and value["mod"] == "by"


def test_edges_of_periods(extract):
    _, value = one(extract("début octobre", "2002-09-14"))
    assert (value["start"], value["end"], value["mod"]) == ("2002-10-01", "2002-10-10", "start")
    _, value = one(extract("à la fin de l'année dernière", "2003-02-23"))
    assert value["start"].startswith("2002-11") and value["end"] == "2002-12-31" and to_timex(value) == "2002"


def test_deictic_and_weekdays(extract):
    found = extract("Hier, le ministre a annoncé que mardi dernier la signature avait eu lieu.", "2019-09-26")
    assert [(t, v["start"]) for t, v in found] == [("Hier", "2019-09-25"), ("mardi dernier", "2019-09-24")]
    assert extract("le marché a lieu le mercredi", "2019-09-26") == []  # habitual


@pytest.mark.parametrize("text", [
    "plus de 1,36 milliard d'euros", "85 % des territoires", "20% d'entre eux ont signé", "quatre à cinq emplois",
    "JO, page 2026", "Question écrite n° 17519", "le 2e comité de pilotage national", "124 territoires, puis 136",
    "2019 salariés ont été recrutés", "Mars est une planète", "les Jeux Olympiques d'hiver", "il a été signé",
    "la loi n° 2019-486", "carte_ti_22112018.jpg", "pendant 2 ans",
])
def test_not_dates(extract, text):
    assert extract(text, "2019-09-24") == []


@pytest.mark.parametrize("text, span, duration, amount, unit", [
    ("le co-financement de chefs de projet sur 2 ans.", "2 ans", "P2Y", 2, "year"),
    ("bénéficient, pendant un an, d'un accompagnement", "un an", "P1Y", 1, "year"),
    ("dix-huit mois de travaux", "dix-huit mois", "P18M", 18, "month"),
    ("en 30,4 secondes", "30,4 secondes", "PT30.4S", 30.4, "second"),
    ("depuis plusieurs années", "plusieurs années", "PXY", None, "year"),
])
def test_durations(extract, text, span, duration, amount, unit):
    got_span, value = one(extract(text, "2019-09-24", "DURATION"))
    assert got_span == span
    assert (value["duration"], value["amount"], value["unit"]) == (duration, amount, unit)


def test_ages_are_not_durations(extract):
    assert extract("Alain Parmentier, 53 ans, employé", None, "DURATION") == []
    assert extract("une fillette de 6 ans", None, "DURATION") == []


def test_timex_rendering():
    assert to_timex({"start": "2019-01-01", "end": "2019-06-30", "granularity": "semester"}) == "2019-H1"
    assert to_timex({"start": "2019-07-01", "end": "2019-09-30", "granularity": "quarter"}) == "2019-Q3"
    assert to_timex({"start": "2018-09-23", "end": "2018-12-20", "granularity": "season", "season": "FA"}) == "2018-FA"
    assert to_timex({"start": "2019-03-05", "end": "2019-03-06", "granularity": "day"}) == "2019-03-05"
    assert to_timex({"start": "2019-03-01", "end": "2019-03-31", "granularity": "month"}) == "2019-03"


@pytest.mark.parametrize("text, ref, span, start, end, granularity", [
    ("depuis les années 1990", "2019-09-24", "les années 1990", "1990-01-01", "1999-12-31", "decade"),
    ("en juin de l'année prochaine", "2019-09-24", "juin de l'année prochaine", "2020-06-01", "2020-06-30", "month"),
    ("au premier semestre de l'année prochaine", "2019-09-24", "premier semestre de l'année prochaine",
     "2020-01-01", "2020-06-30", "semester"),
    ("de janvier 2019 à mars 2020", "2019-09-24", "de janvier 2019 à mars 2020", "2019-01-01", "2020-03-31", "month"),
    ("la semaine prochaine", "2019-09-24", "la semaine prochaine", "2019-09-30", "2019-10-06", "week"),
    ("le jeudi 26", "2019-09-24", "le jeudi 26", "2019-09-26", "2019-09-26", "day"),
    ("il y a deux ans", "2019-09-24", "il y a deux ans", "2017-09-01", "2017-09-30", "month"),
    ("la semaine du 14 mars", "2019-09-24", "la semaine du 14 mars", "2019-03-11", "2019-03-17", "week"),
    ("la veille du 5 mars 2019", "2019-09-24", "la veille du 5 mars 2019", "2019-03-04", "2019-03-04", "day"),
    ("la première quinzaine d'avril", "2019-09-24", "la première quinzaine d'avril", "2019-04-01", "2019-04-15", "day"),
])
def test_composed_and_relative_dates(extract, text, ref, span, start, end, granularity):
    got_span, value = one(extract(text, ref))
    assert got_span == span
    assert (value["start"], value["end"], value["granularity"]) == (start, end, granularity)


def test_day_after_the_last_date_mentioned(extract):
    found = extract("Le comité s'est réuni le 5 mars 2019 ; le lendemain, les contrats ont été signés.", "2019-09-24")
    assert [(t, v["start"]) for t, v in found] == [("le 5 mars 2019", "2019-03-05"), ("le lendemain", "2019-03-06")]


def test_lists_are_not_ranges(extract):
    found = extract("les 6 et 13 avril 2019", "2019-09-24")
    assert [v["start"] for _, v in found] == ["2019-04-06", "2019-04-13"]


def test_document_year_only(extract):
    _, value = one(extract("Le comité s'est tenu le 2 juillet.", "2019"))
    assert value["start"] == "2019-07-02" and value["inferred_year"] is True


# -- issue 14 ----------------------------------------------------------------------------------------------------

def test_ago_with_an_adverb_is_a_date(extract):
    text, value = one(extract("La réforme a été votée il y a déjà trois ans.", "2022-06-10"))
    assert text == "il y a déjà trois ans" and value["start"].startswith("2019-06")


@pytest.mark.parametrize("text", ["Un chauffeur de bus de 41 ans a été blessé.", "Une étudiante de 19 ans témoigne.",
                                  "Le policier, âgé de 30 ans, est sorti."])
def test_ages_are_not_durations(extract, text):
    assert extract(text, "2022-06-10", label="DURATION") == []


def test_duration_after_a_complement_stays(extract):
    assert [t for t, _ in extract("Un contrat de plan de 6 ans a été signé.", "2022-06-10", label="DURATION")] == ["6 ans"]


def test_quoted_part_of_day_after_a_weekday(extract):
    text, value = one(extract("Le texte sera publié ce jeudi «dans la journée».", "2022-06-07"))
    assert text == "ce jeudi «dans la journée»" and value["start"] == "2022-06-09" and value["part"] == "DT"


def test_the_new_year(extract):
    _, value = one(extract("Ils sont entrés dans la nouvelle année avec optimisme.", "2021-01-03"))
    assert value["start"] == "2021-01-01" and value["granularity"] == "year"


@pytest.mark.parametrize("text", ["Ils partiront à la retraite à 64 ans.", "Elle travaille de nuit depuis ses 25 ans."])
def test_ages_after_a_or_a_possessive(extract, text):
    assert extract(text, "2023-02-10", label="DURATION") == []


def test_a_plan_over_years_stays_a_duration(extract):
    assert [t for t, _ in extract("Un plan à cinq ans a été adopté.", "2023-02-10", label="DURATION")] == ["cinq ans"]
