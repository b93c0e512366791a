"""DATE / DURATION rules for unseen text (issue 14): vague periods, offsets, times of day, ages, relative dates.

Sentences written for these tests; conventions of tests/data/eval/blind/GUIDE.md, and French TimeBank's where
the two disagree (see tests/data/eval/dev_dates/README.md).
"""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.components.dates.component import annotate



@pytest.fixture(scope="module")
def extract(dates_nlp):
    def run(text: str, ref: str | None = "2021-03-10", label: str | None = None):
        doc = annotate(dates_nlp, [text], [ref])[0]
        return [(s.label_, s.text, s._.value) for s in facts(doc, label)]
    return run


@pytest.mark.parametrize("text", [
    "Le comité se réunira dans les prochaines semaines.",
    "Les prochains mois diront si la mesure suffit.",
    "Au cours du précédent quinquennat, la loi a changé.",
    "Depuis le début du quinquennat, trois plans ont été lancés.",
    "Le bureau ferme à 18 heures.",
    "La nouvelle est tombée il y a 20 minutes.",
    "L'aide vise un apprenti de plus de 18 ans.",
    "Une voisine d'une quarantaine d'années a témoigné.",
    "2019 fut une année difficile pour la filière.",
])
def test_not_durations(extract, text):
    assert [f for f in extract(text) if f[0] == "DURATION"] == []


@pytest.mark.parametrize("text, span, duration", [
    ("Ces derniers jours, le préfet a reçu les élus.", "Ces derniers jours", "PXD"),  # TimeBank's convention
    ("Ils militent pour un quinquennat de cohérence.", "quinquennat", "P5Y"),
    ("La concertation a duré une quinzaine de jours.", "une quinzaine de jours", "P15D"),
    ("L'usine a été ouverte il y a quelques mois.", "quelques mois", "PXM"),  # TimeBank's convention
    ("Le délai est de plus de 2 ans pour un dossier.", "2 ans", "P2Y"),
    ("Le débat a duré 3 heures.", "3 heures", "PT3H"),
])
def test_durations_kept(extract, text, span, duration):
    found = [(t, v["duration"]) for label, t, v in extract(text) if label == "DURATION"]
    assert found == [(span, duration)]


@pytest.mark.parametrize("text, span, start, granularity", [
    ("Le pont a été inauguré il y a un siècle.", "il y a un siècle", "1921-01-01", "year"),
    ("Je les ai reçus il y a tout juste cinq jours.", "il y a tout juste cinq jours", "2021-03-05", "day"),
    ("La loi a été votée il y a plus de deux ans.", "il y a plus de deux ans", "2019-03-01", "month"),
])
def test_offsets_are_dates(extract, text, span, start, granularity):
    assert [(t, v["start"], v["granularity"]) for _, t, v in extract(text)] == [(span, start, granularity)]


@pytest.mark.parametrize("text, ref, span, start, end, granularity", [
    ("Le préfet a reçu les maires ce matin.", "2021-03-10", "ce matin", "2021-03-10", "2021-03-10", "day"),
    ("Nous serons cet après-midi au Sénat.", "2021-03-10", "cet après-midi", "2021-03-10", "2021-03-10", "day"),
    ("Les écoles ont rouvert à la rentrée.", "2021-10-15", "la rentrée", "2021-09-01", "2021-09-30", "month"),
    ("Le plan sera prêt pour la rentrée.", "2021-06-02", "la rentrée", "2021-09-01", "2021-09-30", "month"),
    ("Avant Noël, les ventes avaient chuté.", "2022-01-20", "Noël", "2021-12-25", "2021-12-25", "day"),
    ("Les ventes de juillet-août ont baissé.", "2021-10-01", "juillet-août", "2021-07-01", "2021-08-31", "month"),
    ("Les soldes ont commencé le 24 juin l'an dernier.", "2021-03-10", "le 24 juin l'an dernier", "2020-06-24",
     "2020-06-24", "day"),
    ("Le bilan de la semaine écoulée est bon.", "2021-03-10", "la semaine écoulée", "2021-03-01", "2021-03-07", "week"),
    ("L'emploi a progressé au dernier trimestre.", "2022-01-20", "dernier trimestre", "2021-10-01", "2021-12-31",
     "quarter"),
])
def test_relative_and_named_dates(extract, text, ref, span, start, end, granularity):
    found = [(t, v["start"], v["end"], v["granularity"]) for label, t, v in extract(text, ref) if label == "DATE"]
    assert found == [(span, start, end, granularity)]


def test_part_of_day_is_kept(extract):
    (_, _, value), = extract("Le conseil se réunit ce soir.", "2021-03-10")
    assert value["part"] == "EV"


@pytest.mark.parametrize("text", [
    "Ce matin-là, la brume couvrait la vallée.",
    "Le marché de Noël a ouvert ses portes.",
    "Une rentrée d'argent est attendue.",
])
def test_not_named_dates(extract, text):
    assert extract(text) == []


def test_rentree_before_a_month_leaves_the_month(extract):
    assert [t for _, t, _ in extract("Le moral des Français à la rentrée de septembre.", "2021-10-01")] == ["septembre"]


def test_ce_jour(extract):
    assert [t for _, t, _ in extract("Les échanges de ce jour ont été utiles.")] == ["ce jour"]
    assert extract("A ce jour, douze contrats ont été signés.") == []


def test_change_between_two_years_gives_its_two_ends(extract):
    found = [(t, v["start"], v["end"]) for _, t, v in extract("Le chômage a baissé de 2 % entre 2019 et 2020.")]
    assert found == [("2019", "2019-01-01", "2019-12-31"), ("2020", "2020-01-01", "2020-12-31")]
    (_, span, value), = extract("Entre 2019 et 2020, deux usines ont ouvert.")
    assert (span, value["start"], value["end"]) == ("Entre 2019 et 2020", "2019-01-01", "2020-12-31")


@pytest.mark.parametrize("text", [
    "Chaque 14 juillet, le défilé descend les Champs-Élysées.",
    "Nous honorons les héros d'hier et ceux d'aujourd'hui.",
    "La France d'aujourd'hui et de demain.",
])
def test_recurring_and_generic_days(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize("text, span, start, end, granularity", [
    ("Des emplois créés sur les trois premiers trimestres de 2022.", "les trois premiers trimestres de 2022",
     "2022-01-01", "2022-09-30", "quarter"),
    ("Les six derniers mois de l'année dernière ont été durs.", "Les six derniers mois de l'année dernière",
     "2020-07-01", "2020-12-31", "month"),
])
def test_first_or_last_parts_of_a_year(extract, text, span, start, end, granularity):
    assert [(t, v["start"], v["end"], v["granularity"]) for _, t, v in extract(text)] == [
        (span, start, end, granularity)]


def test_tense_of_a_copular_clause(extract):
    found = extract("La croissance sera positive en 2023, et l'indice en novembre a été positif.", "2023-01-11")
    assert [(t, v["start"]) for _, t, v in found] == [("2023", "2023-01-01"), ("novembre", "2022-11-01")]
