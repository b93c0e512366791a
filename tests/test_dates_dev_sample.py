"""The tuned-on DATE/DURATION dev sample (tests/data/eval/dev_dates/): well formed, apart from every other sample,
its spans on their raw texts."""
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
    assert all(int(re.sub(r"\D", "", d[len("QANR5L16QG"):])) % 10 in (0, 2, 4) for d in ids if d.startswith("QANR"))


@pytest.mark.skipif(not shared_path("data", "corpora").is_dir(), reason="../shared is absent")
def test_dev_dates_offsets_match_the_raw_texts():
    docs = entries("dev_dates")
    texts = blind.read_documents(docs)
    for d in docs:
        raw = texts[d["doc"]].text
        assert hashlib.sha1(raw.encode("utf-8")).hexdigest() == d["raw_sha1"], d["doc"]
        for m in d["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"]
