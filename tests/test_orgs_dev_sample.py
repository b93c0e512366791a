"""The dev_orgs sample (tests/data/eval/dev_orgs/, tuned-on by design) is well formed, stays apart from the blind
samples, and is scored by ``tdi-nlp eval blind --sample dev-orgs`` on the labels its meta.json declares."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tdi_nlp.config import shared_path
from tdi_nlp.eval import blind

EVAL = Path(__file__).parent / "data" / "eval"


def entries(folder: str) -> list[dict]:
    text = (EVAL / folder / "sample.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dev_sample_is_apart_from_the_blind_samples_and_declares_its_labels():
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


@pytest.mark.skipif(not shared_path("data", "corpora").is_dir(), reason="../shared is absent")
def test_dev_offsets_match_the_raw_texts_and_excerpts():
    docs = entries("dev_orgs")
    texts = blind.read_documents(docs)
    for d in docs:
        raw = texts[d["doc"]].text
        assert hashlib.sha1(raw.encode("utf-8")).hexdigest() == d["raw_sha1"], d["doc"]
        for m in d["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"], (d["doc"], m)
    excerpt = next(d for d in docs if d["doc"].startswith("seance-"))
    assert texts[excerpt["doc"]].date == excerpt["date"]
