"""PROGRAMME mentions: gazetteer entries (resources/orgs/orgs.json `programmes`) and names after a cue word."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts


@pytest.fixture(scope="module")
def pnlp():
    from tdi_nlp.pipeline import load
    return load()


def programmes(nlp, text: str) -> list[tuple[str, str]]:
    return [(s.text, s._.entity_id) for s in sorted(facts(nlp(text), "PROGRAMME"), key=lambda s: s.start_char)]


@pytest.mark.parametrize("text, expected", [
    ("Les crédits du programme des investissements d'avenir financeront les laboratoires.",
     [("programme des investissements d'avenir", "programme:pia")]),
    ("Les jeunes volontaires du Service national universel, le SNU, partent en juin.",
     [("Service national universel", "programme:service-national-universel"),
      ("SNU", "programme:service-national-universel")]),
    ("Les ménages demandent MaPrimeRénov' pour isoler leur maison.", [("MaPrimeRénov'", "programme:maprimerenov")]),
    ("Le plan de relance européen complète le plan de relance.",
     [("plan de relance européen", "programme:nextgenerationeu"), ("plan de relance", "programme:france-relance")]),
])
def test_programmes_from_the_gazetteer(pnlp, text, expected):
    assert programmes(pnlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("La ville a obtenu le label « Ville amie des aînés » cette année.",
     [("Ville amie des aînés", "programme:ville-amie-des-aines")]),
    ('Le ministère lance un appel à projets "Tiers-lieux solidaires" pour les communes.',
     [("Tiers-lieux solidaires", "programme:tiers-lieux-solidaires")]),
    ("Grâce au plan Écoles Numériques, chaque classe a reçu des tablettes.",
     [("Écoles Numériques", "programme:ecoles-numeriques")]),
    ("Le programme national Horizon Santé 2030 finance la recherche.",
     [("Horizon Santé 2030", "programme:horizon-sante-2030")]),
    ("Le ministre a présenté la stratégie Cap territoires 2027 aux élus.",
     [("Cap territoires 2027", "programme:cap-territoires-2027")]),
    ("Le dispositif Chèque mobilité solidaire aide les apprentis.",
     [("Chèque mobilité solidaire", "programme:cheque-mobilite-solidaire")]),
])
def test_programmes_named_after_a_cue_word(pnlp, text, expected):
    assert programmes(pnlp, text) == expected


@pytest.mark.parametrize("text", [
    "Le programme 209 finance l'aide au développement.",
    "Nous présenterons un plan. Le Gouvernement le défendra.",
    "Le dispositif Le Gouvernement a prévu sera étendu.",
    "La stratégie de l'État actionnaire a changé.",
    "C'est un plan ambitieux pour les territoires.",
])
def test_no_programme_without_a_name(pnlp, text):
    assert programmes(pnlp, text) == []


def test_a_year_inside_a_programme_name_is_no_date(pnlp):
    doc = pnlp("La stratégie Cap territoires 2027 sera évaluée.")
    assert [s.text for s in facts(doc, "DATE")] == []


@pytest.mark.parametrize("text", ["Il nous faut un plan B.", "L'opération Sentinelle mobilise les soldats."])
def test_letters_and_military_operations_are_not_programmes(pnlp, text):
    assert programmes(pnlp, text) == []
