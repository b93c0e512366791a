"""The question-level request labels (models/labels/requests.jsonl, issue 12) follow the reference schema."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tdi_nlp.config import checkout_path
from tdi_nlp.readers import read_path

THEMES = {"calendrier", "eligibilite", "beneficiaires", "financement", "mise_en_oeuvre", "bilan"}
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rows():
    path = checkout_path("models", "labels", "requests.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def test_schema(rows):
    assert len(rows) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["unit"] == "question"
        assert r["id"] == f"{r['doc']}#{r['anchor']['sha1'][:12]}"
        assert set(r["labels"]) <= THEMES and len(set(r["labels"])) == len(r["labels"])
        assert r["split"] in ("train", "test")
        assert {e["label"] for e in r["evidence"]} == set(r["labels"])
        for a in r.get("annotations", []):
            assert set(a["labels"]) <= THEMES


def test_split_is_the_frozen_rule(rows):
    for r in rows:
        expected = "test" if hashlib.sha1(r["doc"].encode()).hexdigest()[0] in "0123" else "train"
        assert r["split"] == expected, r["id"]


def test_anchors_match_the_readers_raw_text(rows, shared_dir):
    cache = {}
    for r in rows:
        src = r["source"]
        path = REPO / src if src.startswith("corpus/") else shared_dir / src
        if src not in cache:
            root = path.parent
            cache[src] = {d.id: d.text for d in read_path(path, root).documents}
        text = cache[src][r["doc"]]
        spans = [r["anchor"]] + r["evidence"]
        for s in spans:
            assert sha1(text[s["start"]:s["end"]]) == s["sha1"], f"{r['id']}: span {s['start']}-{s['end']} moved"
        a = r["anchor"]
        assert all(a["start"] <= e["start"] and e["end"] <= a["end"] for e in r["evidence"]), r["id"]


def test_rounds_keep_the_original_test_part_and_skip_the_blind_sample(rows):
    first = [r for r in rows if r.get("round", 1) == 1]
    assert len(first) == 323 and sum(r["split"] == "test" for r in first) == 84  # the original frozen test part
    assert all(r.get("round", 1) in (1, 2) for r in rows)
    blind = REPO / "tests" / "data" / "eval" / "blind" / "sample.jsonl"
    blind_docs = {json.loads(line)["doc"] for line in blind.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not blind_docs & {r["doc"] for r in rows if r.get("round") == 2}
    for r in rows:
        anns = {a["annotator"]: a["labels"] for a in r.get("annotations", [])}
        if "A1" in anns and not r.get("adjudicated"):
            assert sorted(anns["A1"]) == sorted(r["labels"]), r["id"]
