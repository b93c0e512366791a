"""Request model (issue 12), round 2: the second synthetic file, the threshold floor and the repeated CV's settings."""
from __future__ import annotations

import json
from collections import Counter

import numpy as np

from tdi_nlp.eval import themes as ev
from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes.dataset import labels_path
from tdi_nlp.themes.labels import THEMES


def _rows(name: str) -> list[dict]:
    with open(labels_path(name), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_round_two_file_follows_the_schema_and_repeats_no_round_one_clause():
    rows, first = _rows(rm.SYNTHETIC_ROUNDS[1]), {r["text"] for r in _rows(rm.SYNTHETIC)}
    assert len(rows) >= 350 and len({r["text"] for r in rows}) == len(rows)
    assert not {r["text"] for r in rows} & first
    for r in rows:
        assert set(r) == {"id", "text", "labels", "style", "kind", "round"} and r["round"] == 2
        assert set(r["labels"]) <= set(THEMES) and r["style"] in ("wq", "qg")
        assert r["kind"] == ("positive" if r["labels"] else "hard_negative")
    counts = Counter(lab for r in rows for lab in r["labels"])
    assert counts["mise_en_oeuvre"] >= 80 and counts["bilan"] >= 50 and counts["eligibilite"] >= 40


def test_load_synthetic_reads_every_round_given():
    one = rm.load_synthetic(rm.SYNTHETIC_ROUNDS[:1])
    both = rm.load_synthetic(rm.SYNTHETIC_ROUNDS)
    assert len(both[0]) == len(one[0]) + len(_rows(rm.SYNTHETIC_ROUNDS[1]))
    assert both[1].shape == (len(both[0]), len(THEMES))


def test_threshold_floor(monkeypatch):
    texts = ["Quand le décret sera-t-il publié ?", "Quelles mesures allez-vous prendre ?"] * 6
    qs = [rm.Question(t, ["calendrier"] if i % 2 == 0 else [], [("calendrier", 0, len(t))] if i % 2 == 0 else [],
                      f"doc{i}") for i, t in enumerate(texts)]
    monkeypatch.setattr(rm, "best_thresholds", lambda y, p: [0.05] * len(rm.LABELS))
    model = rm.train(qs, folds=3, floor=0.2, syn_weight=0.0, gate="", cues=0.0, e5=0.0)
    assert set(model["thresholds"].values()) == {0.2}


def test_parse_set():
    got = ev.parse_set("e5=0.15,C=1,gate=all,floor=0.2,balanced=1,synthetic=0")
    assert got["e5"] == 0.15 and got["C"] == 1.0 and got["gate"] == "all" and got["balanced"] is True
    assert got["floor"] == 0.2 and got["synthetic"][0] == [] and got["synthetic"][1].shape == (0, len(THEMES))
    assert len(ev.parse_set("synthetic=2")["synthetic"][0]) == len(rm.load_synthetic(rm.SYNTHETIC_ROUNDS)[0])
