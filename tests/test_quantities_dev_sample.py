"""The tuned-on dev sample of MONEY, COUNT, PERCENT and PROGRAMME (tests/data/eval/dev/): well formed, apart from
the blind samples, its spans on their raw texts."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tdi_nlp.config import shared_path
from tdi_nlp.eval import blind

EVAL = Path(__file__).parent / "data" / "eval"


def entries(folder: str) -> list[dict]:
    text = (EVAL / folder / "sample.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


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
    assert all(int(re.sub(r"\D", "", d[len("QANR5L16QG"):])) % 2 == 0 for d in dev if d.startswith("QANR"))


def test_predictions_outside_a_window_are_left_out():
    mentions = [{"start": 0, "end": 5}, {"start": 90, "end": 120}]
    assert blind.in_window(mentions, [0, 100]) == mentions[:1]
    assert blind.in_window(mentions, None) == mentions


@pytest.mark.skipif(not shared_path("data", "corpora").is_dir(), reason="../shared is absent")
def test_dev_offsets_match_the_raw_texts():
    docs = entries("dev")
    texts = blind.read_documents(docs)
    for d in docs:
        raw = texts[d["doc"]].text
        assert hashlib.sha1(raw.encode("utf-8")).hexdigest() == d["raw_sha1"], d["doc"]
        for m in d["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"]
