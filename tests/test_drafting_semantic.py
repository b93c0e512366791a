"""E5 vectors of past questions in the drafting index (drafting/semantic.py), with a stand-in encoder."""
from __future__ import annotations

import numpy as np
import pytest

from tdi_nlp import encoder
from tdi_nlp.drafting import semantic
from tdi_nlp.drafting.index import RetrievalIndex, Weights

TOPICS = ("usine", "hôpital", "école")


def _fake(text: str) -> np.ndarray:
    v = np.zeros(encoder.DIM, dtype=np.float32)
    for j, word in enumerate(TOPICS):
        v[j] = text.count(word)
    v[-1] = 0.1
    return v / np.linalg.norm(v)


@pytest.fixture
def fake_encoder(monkeypatch):
    calls: list[int] = []

    def passages(texts, batch_size=32):
        texts = list(texts)
        calls.append(len(texts))
        return np.stack([_fake(t) for t in texts]) if texts else np.zeros((0, encoder.DIM), np.float32)

    monkeypatch.setattr(encoder, "embed_passages", passages)
    monkeypatch.setattr(encoder, "embed_query", _fake)
    monkeypatch.setattr(semantic, "ENABLED", True)
    semantic.query_vector.cache_clear()
    yield calls
    semantic.query_vector.cache_clear()


def _entry(doc_id: str, q: str, a: str = "Le Gouvernement répond.") -> dict:
    from tdi_nlp.drafting import analysis
    return {"id": doc_id, "rubrique": None, "themes": [], "territories": [], "orgs": [], "ministry": None,
            "q_terms": analysis.terms(q), "l_terms": [], "a_terms": analysis.terms(a), "_q_text": q, "_a_text": a}


def test_vectors_follow_adds_removals_and_order(fake_encoder):
    qv = semantic.QuestionVectors()
    qv.add([_entry("a", "usine"), _entry("b", "hôpital")])
    qv.add([_entry("a", "école")])  # replaced
    assert qv.ids == ["b", "a"] and len(qv) == 2
    m = qv.matrix(["a", "b", "c"])
    assert np.argmax(m[0]) == 2 and np.argmax(m[1]) == 1 and not m[2].any()
    qv.remove({"b"})
    assert qv.ids == ["a"] and qv.covers(["a"]) and not qv.covers(["a", "b"])


def test_saved_with_the_encoder_tag(fake_encoder, tmp_path, monkeypatch):
    qv = semantic.QuestionVectors()
    qv.add([_entry("a", "usine")])
    qv.save(tmp_path)
    back = semantic.QuestionVectors.load(tmp_path)
    assert back is not None and back.ids == ["a"] and np.allclose(back.matrix(["a"]), qv.matrix(["a"]), atol=1e-3)
    monkeypatch.setattr(encoder, "ENCODER_TAG", "another-encoder")
    assert semantic.QuestionVectors.load(tmp_path) is None


def test_index_fuses_e5_scores_and_stores_them_once(fake_encoder, tmp_path):
    index = RetrievalIndex()
    # same words, different meaning for the stand-in encoder: only the E5 signal tells them apart
    index.add([_entry("p1", "Question sur le territoire et l'usine usine"),
               _entry("p2", "Question sur le territoire et l'hôpital hôpital")])
    q = "Que prévoit le territoire pour l'hôpital ?"
    hits = index.search(q, k=2, weights=Weights(vector_e5=1.0, diversify_places=0))
    assert hits[0].entry["id"] == "p2" and "vector_e5" in hits[0].signals
    assert "vector_e5" not in index.search(q, k=2, weights=Weights(vector_e5=0.0))[0].signals
    index.save(tmp_path)
    n_calls = len(fake_encoder)
    loaded = RetrievalIndex.load(tmp_path)
    assert loaded is not None and loaded.semantic.ids == ["p1", "p2"] and len(fake_encoder) == n_calls
    index.remove({"p1"})
    assert index.semantic.ids == ["p2"]


def test_index_without_its_e5_vectors_is_rebuilt(fake_encoder, tmp_path):
    index = RetrievalIndex()
    index.add([_entry("p1", "usine")])
    index.save(tmp_path)
    (tmp_path / semantic.SUBDIR / "questions.json").unlink()
    assert RetrievalIndex.load(tmp_path) is None


def test_off_by_default_nothing_is_embedded(fake_encoder, monkeypatch, tmp_path):
    monkeypatch.setattr(semantic, "ENABLED", False)
    index = RetrievalIndex()
    index.add([_entry("p1", "usine")])
    assert not fake_encoder and len(index.semantic) == 0
    assert "vector_e5" not in index.search("usine", k=1, weights=Weights(vector_e5=1.0))[0].signals
    index.save(tmp_path)
    assert RetrievalIndex.load(tmp_path) is not None


def test_rank_fusion_and_rubrique_boost_options(monkeypatch):
    """The options the drafting eval compares (issue 13): reciprocal-rank fusion and the rubrique prior boost."""
    monkeypatch.setattr(semantic, "ENABLED", False)
    index = RetrievalIndex()
    a, b = _entry("p1", "Les aides à l'usine du territoire"), _entry("p2", "Les aides à l'hôpital du territoire")
    a["rubrique"], b["rubrique"] = "Industrie", "Santé"
    index.add([a, b])
    q = "Quelles aides pour l'usine du territoire ?"
    plain = Weights(diversify_places=0)
    assert index.search(q, k=2, weights=plain)[0].entry["id"] == "p1"
    assert index.search(q, k=2, weights=Weights(diversify_places=0, fusion="rrf"))[0].entry["id"] == "p1"
    boosted = Weights(diversify_places=0, rubrique=5.0)
    assert index.search(q, k=2, weights=boosted, rubriques={"Santé": 1.0})[0].entry["id"] == "p2"
