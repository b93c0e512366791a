"""The judged evaluation sets of issue 13 (tests/data/eval/) are well formed and point to real documents and text."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tdi_nlp.eval.already_asked import best_threshold
from tdi_nlp.eval.requests import answered, flagged, telling
from tdi_nlp.eval.search import AN_DIR, measure, write_statements
from tdi_nlp.extraction import prepare
from tdi_nlp.readers import iter_files, read_path

EVAL = Path(__file__).resolve().parent / "data" / "eval"


def rows(name: str) -> list[dict]:
    with open(EVAL / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def texts(paths: list[Path], wanted: set[str]) -> dict[str, str]:
    """{doc id: text} of the wanted documents, as the project's readers and normalizer give it."""
    out = {}
    for f, root in iter_files(paths):
        for d in read_path(f, root).documents:
            if d.id in wanted:
                out[d.id] = prepare(d)[0].text
    return out


@pytest.fixture(scope="module")
def all_texts(shared_dir, corpus_dir, tmp_path_factory) -> dict[str, str]:
    wanted = set()
    for q in rows("search_queries.jsonl"):
        wanted |= set(q["relevant"]) | set(q["judged"])
    for p in rows("already_asked.jsonl"):
        wanted |= {p["past_doc"], p.get("query_doc")} - {None}
    for q in rows("draft_requests.jsonl"):
        wanted |= {a["doc"] for r in q["requests"] for a in r["answers"]}
    statements = tmp_path_factory.mktemp("statements") / "statements.jsonl"
    write_statements(statements)
    an = shared_dir.joinpath(*AN_DIR)
    files = [corpus_dir] + [an / f"{d}.json" for d in wanted if d.startswith("QAN")] + [statements]
    return texts([f for f in files if f.exists()], wanted)


def test_search_queries_schema():
    qs = rows("search_queries.jsonl")
    assert len(qs) >= 45 and len({q["id"] for q in qs}) == len(qs)
    for q in qs:
        assert set(q) == {"id", "query", "relevant", "judged", "note"}
        assert 1 <= len(re.findall(r"[\w'-]+", q["query"])) <= 6, q["query"]
        assert q["relevant"] and all(g in (1, 2) for g in q["relevant"].values()) and 2 in q["relevant"].values()
        assert not set(q["relevant"]) & set(q["judged"])
    assert any('"' in q["query"] for q in qs) and any(re.search(r"(^|\s)-\w", q["query"]) for q in qs)


def test_already_asked_schema():
    ps = rows("already_asked.jsonl")
    assert sum(p["same"] is True for p in ps) >= 40 and sum(p["same"] is False for p in ps) >= 40
    for p in ps:
        assert ("query_doc" in p) != ("query_text" in p) and p["past_doc"] and p["note"]
        assert p.get("query_doc") != p["past_doc"]
    assert any("query_text" in p for p in ps)


def test_draft_requests_schema():
    qs = rows("draft_requests.jsonl")
    assert len(qs) >= 30
    kinds = {True: 0, False: 0}
    for q in qs:
        assert 2 <= len(q["requests"]) <= 4
        for r in q["requests"]:
            assert r["text"] in q["question"]
            kinds[r["answerable"]] += 1
            assert bool(r["answers"]) == r["answerable"]
            for a in r["answers"]:
                assert a["doc"] and a["quote"]
                assert a.get("figure") is None or a["figure"] in a["quote"]
    assert kinds[True] and kinds[False]


def test_every_document_exists(all_texts):
    for q in rows("search_queries.jsonl"):
        assert set(q["relevant"]) | set(q["judged"]) <= set(all_texts), q["id"]
    for p in rows("already_asked.jsonl"):
        assert {p["past_doc"], p.get("query_doc")} - {None} <= set(all_texts)


def test_every_quote_is_in_the_document_text(all_texts):
    for q in rows("draft_requests.jsonl"):
        for r in q["requests"]:
            for a in r["answers"]:
                assert a["quote"] in all_texts[a["doc"]], (q["id"], a["quote"])


def test_measure_grades_ranks():
    q = {"relevant": {"a": 2, "b": 1}}
    recall, mrr, ndcg = measure([["x", "a", "b"]], [q], k=10)
    assert recall == 1.0 and mrr == 0.5 and 0 < ndcg < 1
    assert measure([["a", "b"]], [q])[2] == pytest.approx(1.0)
    assert measure([["x"]], [q]) == (0.0, 0.0, 0.0)


def test_answer_judging():
    req = {"text": "le nombre de territoires", "answers": [{"doc": "d", "quote": "soit 29 territoires", "figure": "29"},
                                                         {"doc": "e", "quote": "passent à 144", "figure": "144"}]}
    assert not telling("29") and not telling("2023") and telling("144") and telling("85 %")
    assert answered(req, "La carte compte désormais 144\u00a0territoires.")
    assert not answered(req, "Le 29 mars, 1144 dossiers.")
    assert answered(req, "Soit  29\nterritoires.")
    unanswerable = {"text": "le nombre de capteurs", "answers": []}
    assert flagged(unanswerable, "- Le nombre de capteurs : à compléter", "Aucune réponse antérieure")
    assert not flagged(unanswerable, "Le plan sargasses II est doté de 36 millions d'euros.", "Aucune réponse")


def test_best_threshold_is_the_f1_maximum():
    assert best_threshold([0.9, 0.8, 0.3, 0.2], [True, True, False, False]) == (0.8, 1.0, 1.0, 1.0)
    t, p, r, f = best_threshold([0.9, 0.8, 0.3, 0.2], [True, True, False, True])
    assert (t, p, r) == (0.2, 0.75, 1.0) and f == pytest.approx(6 / 7)  # beats 0.8: P=1, R=2/3, F1=0.8
