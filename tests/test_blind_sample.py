"""The blind extraction samples (tests/data/eval/blind*/sample.jsonl) are well formed and match their raw texts."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tdi_nlp.config import shared_path
from tdi_nlp.eval import blind

EVAL = Path(__file__).parent / "data" / "eval"
REPO = Path(__file__).resolve().parents[1]
TERRITORY_KINDS = ("region", "department", "commune", "epci", "tdi", "country")
FOLDERS = ("blind", "blind2", "blind3", "blind4")
# every sample folder, blind and dev: each gets the offset check below without being listed
SAMPLES = tuple(sorted(f.parent.name for f in EVAL.glob("*/sample.jsonl")))


def entries(folder: str) -> list[dict]:
    text = (EVAL / folder / "sample.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("folder", FOLDERS)
def test_sample_fields_and_size(folder):
    docs = entries(folder)
    assert len(docs) >= 15 and len({d["doc"] for d in docs}) == len(docs)
    assert sum(d["source"].startswith("data/corpora/an-qag-l16/") for d in docs) >= 10
    assert sum(d["source"] == blind.VP_SOURCE for d in docs) >= 4  # the fourth: the residue's last statements
    mentions = [m for d in docs for m in d["mentions"]]
    assert len(mentions) >= 400
    for d in docs:
        assert set(d) == {"doc", "source", "window", "raw_sha1", "date", "mentions"}
        for m in d["mentions"]:
            assert set(m) == {"label", "start", "end", "text", "value", "entity_id"}
            assert m["label"] in blind.LABELS and 0 <= m["start"] < m["end"]
            assert m["end"] - m["start"] == len(m["text"])
            if m["label"] in blind.VALUE_KEYS and m["value"] is not None:
                assert all(k in m["value"] for k in blind.VALUE_KEYS[m["label"]])
            if m["label"] == "TERRITORY" and m["entity_id"]:
                assert m["entity_id"].split(":")[0] in TERRITORY_KINDS
            if m["label"] in ("PERSON", "ORG", "PROGRAMME") and m["entity_id"]:
                assert m["entity_id"].startswith(m["label"].lower() + ":")


@pytest.mark.parametrize("folder", FOLDERS)
def test_sample_documents_are_not_used_elsewhere(folder):
    used = set()
    for f in list((REPO / "tdi_nlp" / "eval" / "data").glob("*.jsonl")) + list((REPO / "tdi_nlp" / "themes" / "data").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                used.update(str(obj[k]) for k in ("uid", "doc") if obj.get(k))
    assert not used & {d["doc"] for d in entries(folder)}


def test_samples_are_disjoint_and_the_second_is_unread():
    docs = [{d["doc"] for d in entries(f)} for f in FOLDERS]
    assert all(not docs[i] & docs[j] for i in range(len(docs)) for j in range(i + 1, len(docs)))
    named = set()  # no judged sample of the extractors may use them (the theme labels may: see blind2/README.md)
    for f in EVAL.glob("*.jsonl"):
        named.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", f.read_text(encoding="utf-8")))
    assert not named & docs[1]


@pytest.mark.parametrize("folder", ("blind3", "blind4"))
def test_later_samples_are_in_no_other_extraction_sample(folder):
    """Their documents are in no other sample and no judged extraction set (search, already-asked and draft-request
    judgements and theme labels may name them: they used no extraction output, see blind3/README.md)."""
    own = {d["doc"] for d in entries(folder)}
    named = set()
    for f in [*EVAL.glob("*/sample.jsonl"), *EVAL.glob("*/README.md"), EVAL / "people_sample.jsonl",
              EVAL / "territories_sample.jsonl", *Path(__file__).parent.glob("*.py")]:
        if f.parent.name != folder:
            named.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", f.read_text(encoding="utf-8")))
    assert not named & own


def test_load_sample_picks_one_or_all():
    one, two, three, four, every = (blind.load_sample(s) for s in ("1", "2", "3", "4", "all"))
    assert [e["doc"] for e in every] == [e["doc"] for e in one + two + three + four]
    assert {e["doc"] for e in one} == {d["doc"] for d in entries("blind")}


@pytest.mark.skipif(not shared_path("data", "corpora").is_dir(), reason="../shared is absent")
@pytest.mark.parametrize("folder", SAMPLES)
def test_offsets_match_the_raw_texts(folder):
    docs = entries(folder)
    texts = blind.read_documents(docs)
    for d in docs:
        raw = texts[d["doc"]].text
        assert hashlib.sha1(raw.encode("utf-8")).hexdigest() == d["raw_sha1"], d["doc"]
        for m in d["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"], (d["doc"], m)


def test_scoring_exact_overlap_and_values():
    gold = {"d": [{"label": "DATE", "start": 0, "end": 10, "text": "", "entity_id": None,
                   "value": {"start": "2020-01-01", "end": "2020-01-01", "granularity": "day"}},
                  {"label": "ORG", "start": 20, "end": 25, "text": "", "value": None, "entity_id": "org:x"}]}
    pred = {"d": [{"label": "DATE", "start": 3, "end": 10, "value": {"start": "2020-01-01", "end": "2020-01-01",
                                                                      "granularity": "day"}, "entity_id": None},
                  {"label": "ORG", "start": 40, "end": 45, "value": None, "entity_id": "org:y"}]}
    s = blind.score(gold, pred, ("DATE", "ORG"))
    assert (s["DATE"]["exact_tp"], s["DATE"]["overlap_tp"], s["DATE"]["right"]) == (0, 1, 1)
    assert (s["ORG"]["overlap_fn"], s["ORG"]["overlap_fp"]) == (1, 1)


def test_mentions_follow_a_changed_raw_text():
    entry = {"raw_sha1": "0" * 40, "mentions": [{"label": "TERRITORY", "start": 4, "end": 10, "text": "France"},
                                                {"label": "TERRITORY", "start": 20, "end": 25, "text": "Lyon!"}]}
    got, lost = blind.gold_mentions(entry, "xx La France va a Lyon.")
    assert [(m["start"], m["text"]) for m in got] == [(6, "France")] and lost == 1
