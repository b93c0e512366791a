"""The tuned-on dev samples of tests/data/eval/ (dev: MONEY/COUNT/PERCENT/PROGRAMME, dev_orgs: ORG/PERSON/TERRITORY,
dev_dates: DATE/DURATION, dev_places: TERRITORY, and the round-2 dev_numbers2, dev_orgs2, dev_places2): well formed,
apart from the blind samples and from each other, scored by ``tdi-nlp eval blind --sample <name>`` on the labels
their meta.json declares. Their spans are checked on the raw texts with the blind samples' (test_blind_sample.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tdi_nlp.config import shared_path
from tdi_nlp.eval import blind

EVAL = Path(__file__).parent / "data" / "eval"
NEEDS_SHARED = pytest.mark.skipif(not shared_path("data", "corpora").is_dir(), reason="../shared is absent")


def entries(folder: str) -> list[dict]:
    text = (EVAL / folder / "sample.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def question_number(doc: str) -> int:
    return int(re.sub(r"\D", "", doc[len("QANR5L16QG"):]))


def other_sample_docs(folder: str) -> set[str]:
    """The documents of every sample under tests/data/eval but ``folder``."""
    return {d["doc"] for f in EVAL.glob("*/sample.jsonl") if f.parent.name != folder for d in entries(f.parent.name)}


def test_dev_sample_holds_only_its_labels_inside_its_windows():
    docs = entries("dev")
    assert len(docs) == 14 and len({d["doc"] for d in docs}) == 14
    for d in docs:
        assert set(d) == {"doc", "source", "window", "raw_sha1", "date", "mentions"}
        assert (d["window"] is not None) == (d["source"] == blind.VP_SOURCE)
        for m in d["mentions"]:
            assert m["label"] in blind.sample_meta("dev")["labels"] and m["end"] - m["start"] == len(m["text"])
            assert not d["window"] or m["end"] <= d["window"][1]


def test_dev_sample_is_apart_from_the_blind_samples_and_the_odd_questions():
    dev = {d["doc"] for d in entries("dev")}
    assert not dev & {d["doc"] for f in ("blind", "blind2") for d in entries(f)}
    assert all(question_number(d) % 2 == 0 for d in dev if d.startswith("QANR"))


def test_predictions_outside_a_window_are_left_out():
    mentions = [{"start": 0, "end": 5}, {"start": 90, "end": 120}]
    assert blind.in_window(mentions, [0, 100]) == mentions[:1]
    assert blind.in_window(mentions, None) == mentions


def test_dev_orgs_is_apart_from_the_blind_samples_and_declares_its_labels():
    docs = entries("dev_orgs")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) >= 8
    assert not ids & ({d["doc"] for d in entries("blind")} | {d["doc"] for d in entries("blind2")})
    meta = blind.sample_meta("dev-orgs")
    assert meta["tuned_on"] is True and set(meta["labels"]) == {"ORG", "PERSON", "TERRITORY"}
    assert {m["label"] for d in docs for m in d["mentions"]} <= set(meta["labels"])
    assert sum(len(d["mentions"]) for d in docs) >= 200
    assert [e["doc"] for e in blind.load_sample("dev-orgs")] == [e["doc"] for e in blind.load_sample("dev_orgs")]
    assert blind.sample_meta("1") == {}


@NEEDS_SHARED
def test_dev_orgs_sitting_excerpts_keep_their_date():
    docs = entries("dev_orgs")
    texts = blind.read_documents(docs)
    excerpt = next(d for d in docs if d["doc"].startswith("seance-"))
    assert texts[excerpt["doc"]].date == excerpt["date"]


def test_dev_dates_holds_only_its_labels_inside_its_windows():
    docs = entries("dev_dates")
    assert len(docs) == 13 and len({d["doc"] for d in docs}) == 13
    assert blind.sample_meta("dev-dates") == {"labels": ["DATE", "DURATION"], "tuned_on": True}
    for d in docs:
        assert d["window"] is None or d["source"] == blind.VP_SOURCE
        for m in d["mentions"]:
            assert m["label"] in ("DATE", "DURATION") and m["end"] - m["start"] == len(m["text"])
            assert not d["window"] or m["end"] <= d["window"][1]


def test_dev_dates_is_apart_from_the_other_samples():
    ids = {d["doc"] for d in entries("dev_dates")}
    assert not ids & {d["doc"] for f in ("blind", "blind2", "dev", "dev_orgs") for d in entries(f)}
    assert all(question_number(d) % 10 in (0, 2, 4) for d in ids if d.startswith("QANR"))


def test_dev_numbers4_holds_its_labels_in_its_partition_apart_from_the_other_samples():
    docs = entries("dev_numbers4")
    assert len(docs) == 24 and len({d["doc"] for d in docs}) == 24 and sum(len(d["mentions"]) for d in docs) >= 300
    assert blind.sample_meta("dev-numbers4") == {"labels": ["MONEY", "COUNT", "PERCENT", "DATE", "DURATION"],
                                                 "tuned_on": True}
    for d in docs:
        assert d["window"] is None or d["source"] == blind.VP_SOURCE
        for m in d["mentions"]:
            assert m["label"] in blind.sample_meta("dev-numbers4")["labels"]
            assert not d["window"] or m["end"] <= d["window"][1]
    ids = {d["doc"] for d in docs}
    assert not ids & other_sample_docs("dev_numbers4")
    assert all(question_number(d) % 3 == 2 for d in ids if d.startswith("QANR"))


def test_dev_orgs4_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_orgs4")
    ids = {d["doc"] for d in docs}
    assert not ids & other_sample_docs("dev_orgs4")
    assert all(question_number(d) % 3 == 1 for d in ids if d.startswith("QANR"))   # round 4's residue 1
    assert blind.sample_meta("dev-orgs4") == {"labels": ["PERSON", "ORG"], "tuned_on": True}
    assert len(ids) == len(docs) >= 20 and sum(len(d["mentions"]) for d in docs) >= 300


def test_dev_places4_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_places4")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) >= 20
    assert not ids & other_sample_docs("dev_places4")
    assert all(question_number(d) % 3 == 0 for d in ids if d.startswith("QANR"))
    assert blind.sample_meta("dev-places4") == {"labels": ["TERRITORY", "PROGRAMME"], "tuned_on": True}
    assert sum(len(d["mentions"]) for d in docs) >= 300


def test_dev_people5_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_people5")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) >= 20 and sum(len(d["mentions"]) for d in docs) >= 250
    assert not ids & other_sample_docs("dev_people5")
    assert all(question_number(d) % 4 == 2 for d in ids if d.startswith("QANR"))   # round 5's residue 2 of 4
    assert blind.sample_meta("dev-people5") == {"labels": ["PERSON"], "tuned_on": True}
    for d in docs:
        assert all(m["label"] == "PERSON" and (not d["window"] or m["end"] <= d["window"][1]) for m in d["mentions"])


def test_dev_orgs5_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_orgs5")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) == 30 and sum(len(d["mentions"]) for d in docs) >= 80
    assert not ids & other_sample_docs("dev_orgs5")
    assert all(question_number(d) % 4 == 1 for d in ids if d.startswith("QANR"))   # round 5's residue 1 of 4
    assert blind.sample_meta("dev-orgs5") == {"labels": ["ORG"], "tuned_on": True}
    for d in docs:
        assert all(m["label"] == "ORG" and (not d["window"] or m["end"] <= d["window"][1]) for m in d["mentions"])


def test_dev_random6b_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_random6b")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) == 12 and sum(len(d["mentions"]) for d in docs) >= 450
    assert not ids & other_sample_docs("dev_random6b")
    assert sum(d.startswith("QANR") for d in ids) == 4
    assert all(question_number(d) % 4 == 3 for d in ids if d.startswith("QANR"))   # round 5's residue 3 of 4
    assert all(d["window"] is None for d in docs)                                  # documents annotated whole
    assert blind.sample_meta("dev-random6b") == {"labels": list(blind.LABELS), "tuned_on": True}


def test_dev_random7b_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_random7b")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) == 12 and sum(len(d["mentions"]) for d in docs) >= 340
    assert not ids & other_sample_docs("dev_random7b")
    assert sum(d.startswith("QANR") for d in ids) == 8
    assert all(question_number(d) % 4 in (2, 3) for d in ids if d.startswith("QANR"))   # round 5's residues 2, 3
    assert all(d["window"] is None for d in docs)                                        # documents annotated whole
    assert blind.sample_meta("dev-random7b") == {"labels": list(blind.LABELS), "tuned_on": True}


def test_dev_random7a_is_apart_from_every_other_sample_and_in_its_partition():
    docs = entries("dev_random7a")
    ids = {d["doc"] for d in docs}
    assert len(ids) == len(docs) == 9 and sum(len(d["mentions"]) for d in docs) >= 280
    assert not ids & other_sample_docs("dev_random7a")
    assert sum(d.startswith("QANR") for d in ids) == 8 and sum(d.startswith("vp-") for d in ids) == 1
    assert all(question_number(d) % 4 == 1 for d in ids if d.startswith("QANR"))   # round 5's residue 1 of 4
    assert all(d["window"] is None for d in docs)                                  # documents annotated whole
    assert blind.sample_meta("dev-random7a") == {"labels": list(blind.LABELS), "tuned_on": True}
