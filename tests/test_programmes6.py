"""PROGRAMME rules of round 6 (issue 14, tests/data/eval/dev_programmes6): gazetteer entries for national and EU
schemes, the filters of names after a cue word and the repeats of one-word names (components/orgs/programmes.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tdi_nlp.components import facts
from tdi_nlp.eval import blind
from tdi_nlp.components.orgs import programmes as rules


@pytest.fixture(scope="module")
def pnlp():
    from tdi_nlp.pipeline import load
    return load()


def found(nlp, text: str) -> list[tuple[str, str]]:
    return [(s.text, s._.entity_id) for s in sorted(facts(nlp(text), "PROGRAMME"), key=lambda s: s.start_char)]


@pytest.mark.parametrize("text, expected", [
    ("Le conseiller propose aux jeunes le contrat d'engagement jeune dès la rentrée.",
     [("contrat d'engagement jeune", "programme:contrat-d-engagement-jeune")]),
    ("Le label Cités éducatives réunit les écoles et les associations du quartier.",
     [("Cités éducatives", "programme:cites-educatives")]),
    ("Le pays adopte un plan de relance de 100 milliards d'euros.", [("plan de relance", "programme:france-relance")]),
    ("La France finance l'initiative ACT-A et le dispositif COVAX pour les pays pauvres.",
     [("ACT-A", "programme:act-a"), ("COVAX", "programme:covax")]),
    ("Grâce au plan REPowerEU, l'Union réduit ses achats de gaz.", [("REPowerEU", "programme:repowereu")]),
    ("Le Gouvernement a mis en oeuvre notre plan de relance national dans chaque région.",
     [("plan de relance national", "programme:france-relance")]),
])
def test_national_and_european_schemes_from_the_gazetteer(pnlp, text, expected):
    assert found(pnlp, text) == expected


@pytest.mark.parametrize("text", [
    "Il faudrait un plan de relance aussi ambitieux que celui des Américains.",
    "Ils réclament d'un plan de relance européen plus massif encore.",
    "Il nous faut un grand plan d'investissement dans les routes.",
])
def test_common_noun_forms_name_no_programme(pnlp, text):
    assert found(pnlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Le plan Horizon Mer du Gouvernement finance les ports.", [("Horizon Mer", "programme:horizon-mer")]),
    ("Le dispositif fiscal Malraux aide à restaurer les centres anciens.", [("Malraux", "programme:malraux")]),
    ("Le mécanisme Santé Solidaire finance les vaccins.", [("Santé Solidaire", "programme:sante-solidaire")]),
    ("Le pass Jeunes Montagne paie une partie des forfaits.", [("Jeunes Montagne", "programme:jeunes-montagne")]),
])
def test_names_after_a_cue_are_trimmed(pnlp, text, expected):
    assert found(pnlp, text) == expected


@pytest.mark.parametrize("text", [
    "Nous voulons un dispositif France plus lisible pour nos exportateurs.",
    "Les contrats de plan État-région financent les routes nationales.",
    "Elle recharge son pass Navigo chaque mois.",
])
def test_a_cue_before_a_place_or_the_state_names_no_programme(pnlp, text):
    assert found(pnlp, text) == []


def test_a_one_word_name_is_repeated_after_aides_and_in_a_title(pnlp):
    text = ("DISPOSITIF AZUR\n\nLe dispositif Azur aide les communes du littoral. Les aides Azur seront prolongées. "
            "Azur est aussi le nom d'une couleur.")
    assert found(pnlp, text) == [("AZUR", "programme:azur"), ("Azur", "programme:azur"), ("Azur", "programme:azur")]


def test_rule_helpers():
    assert rules.trim_name("Chlordécone IV du Gouvernement") == "Chlordécone IV"
    assert rules.trim_name("Petites villes de demain") == "Petites villes de demain"
    assert rules.rejected("État-région") and not rules.rejected("France Travail")
    assert rules.alone("France") and not rules.alone("France mer 2030")
    text = "ils demandent un plan de relance massif"
    start = text.index("plan")
    assert rules.dropped(text, start, start + len("plan de relance"))
    assert not rules.dropped("le plan de relance", 3, 18)
    assert not rules.dropped("un plan de relance de 100 milliards", 3, 18)


def test_dev_programmes6_is_apart_from_every_other_sample_and_off_blind3s_residue():
    evals = Path(__file__).parent / "data" / "eval"
    docs = [json.loads(line) for line in (evals / "dev_programmes6" / "sample.jsonl").read_text().splitlines()]
    ids = {d["doc"] for d in docs}
    others = {json.loads(line)["doc"] for f in evals.glob("*/sample.jsonl") if f.parent.name != "dev_programmes6"
              for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert len(ids) == len(docs) == 35 and not ids & others
    assert all(int(re.sub(r"\D", "", d[len("QANR5L16QG"):])) % 4 != 0 for d in ids if d.startswith("QANR"))
    assert blind.sample_meta("dev-programmes6") == {"labels": ["PROGRAMME"], "tuned_on": True}
    assert all(m["label"] == "PROGRAMME" and (not d["window"] or m["end"] <= d["window"][1])
               for d in docs for m in d["mentions"])
