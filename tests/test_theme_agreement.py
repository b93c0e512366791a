"""The second annotation and the adjudication of the test questions (issue 12) and `eval theme-agreement`."""
from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from tdi_nlp.config import checkout_path
from tdi_nlp.eval import theme_agreement as ta

THEMES = ["calendrier", "eligibilite", "beneficiaires", "financement", "mise_en_oeuvre", "bilan"]


def read(name: str) -> list[dict]:
    text = checkout_path("models", "labels", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def test_rows() -> dict[str, dict]:
    return {r["id"]: r for r in read("requests.jsonl") if r["split"] == "test"}


def test_second_annotation_covers_the_test_part_once(test_rows):
    rows = read(ta.SECOND)
    assert [r["id"] for r in rows] == list(test_rows)  # every test id, once, in file order; no train id
    for r in rows:
        assert r["annotator"] == "A2"
        assert r["labels"] == [t for t in THEMES if t in r["labels"]]  # known themes, each once, in order
        assert {e["label"] for e in r["evidence"]} == set(r["labels"]), r["id"]
        anchor = test_rows[r["id"]]["anchor"]
        assert all(anchor["start"] <= e["start"] < e["end"] <= anchor["end"] for e in r["evidence"]), r["id"]


def test_adjudication_settles_each_disagreement(test_rows):
    a2 = {r["id"]: r["labels"] for r in read(ta.SECOND)}
    rows = read(ta.ADJUDICATED)
    assert [r["id"] for r in rows] == list(test_rows)
    for r in rows:
        a1, final = sorted(test_rows[r["id"]]["labels"]), sorted(r["labels"])
        assert set(final) <= set(THEMES)
        if r["decided"] == "agreed":
            assert a1 == sorted(a2[r["id"]]) == final, r["id"]
            continue
        assert a1 != sorted(a2[r["id"]]) and r["reason"].strip(), r["id"]
        assert sorted(r["A1"]) == a1 and sorted(r["A2"]) == sorted(a2[r["id"]])
        expected = {"A1": final == a1, "A2": final == sorted(a2[r["id"]])}
        assert r["decided"] in ("A1", "A2", "neither")
        assert all(expected[who] == (r["decided"] == who) for who in expected), r["id"]


def test_scores_match_hand_counts():
    ref = np.array([[1, 0], [1, 1], [0, 0], [0, 1]], dtype=bool)
    other = np.array([[1, 0], [0, 1], [0, 0], [1, 1]], dtype=bool)
    res = ta.scores(ref, other)
    assert res["micro"][:3] == (3, 1, 1)  # tp, fp, fn over both labels
    assert res["per_label"][1][:3] == (2, 0, 0) and res["per_label"][1][6] == 1.0  # identical column: kappa 1
    assert res["per_label"][0][6] == pytest.approx(0.0)  # 2 of 4 agree with both at 50 %: chance level
    assert res["exact"] == 0.5


def test_evidence_spans_are_raw_sentences(shared_dir, test_rows):
    from tdi_nlp.themes import sources
    rows = read(ta.SECOND)[:25]
    for r in rows:
        ref = test_rows[r["id"]]
        raw = sources.raw_text(ref["source"], ref["doc"])
        for e in r["evidence"]:
            assert hashlib.sha1(raw[e["start"]:e["end"]].encode()).hexdigest() == e["sha1"], r["id"]
        sentences = {(s, e) for s, e, _ in ta.blind_texts([ref])[0][1]}
        assert {(e["start"], e["end"]) for e in r["evidence"]} <= sentences, r["id"]


def test_print_questions_shows_ids_and_text_only(shared_dir, capsys):
    from tdi_nlp.cli import main
    assert main(["eval", "theme-agreement", "--limit", "2", "--print-questions"]) == 0
    out = capsys.readouterr().out
    ids = [line[4:] for line in out.splitlines() if line.startswith("=== ")]
    assert ids == [r["id"] for r in ta.test_refs(2)]
    assert not any(code in out for code in ("mise_en_oeuvre", "eligibilite", "beneficiaires", '"labels"', "A1"))


def test_command_runs_on_a_slice(shared_dir, capsys):
    from tdi_nlp.cli import main
    assert main(["eval", "theme-agreement", "--limit", "3", "--disagreements"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 test questions") and "A2 against A1" in out
    assert "tdi_nlp.classify with E5" in out and "text-only path" in out and "summary micro F1" in out
