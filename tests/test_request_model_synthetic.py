"""Request model 2.3 (issue 12): the synthetic clauses, weighted fitting, the gate and the text-only path."""
from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes.dataset import labels_path
from tdi_nlp.themes.labels import THEMES


def _rows() -> list[dict]:
    with open(labels_path(rm.SYNTHETIC), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_synthetic_set_follows_its_schema():
    rows = _rows()
    assert len(rows) >= 550
    assert len({r["id"] for r in rows}) == len(rows) and len({r["text"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "text", "labels", "style", "kind"}
        assert set(r["labels"]) <= set(THEMES) and r["style"] in ("wq", "qg")
        assert r["kind"] == ("positive" if r["labels"] else "hard_negative")
    counts = Counter(lab for r in rows for lab in r["labels"])
    assert all(counts[c] >= 55 for c in THEMES), counts
    assert sum(not r["labels"] for r in rows) >= 200


def test_guide_examples_in_the_synthetic_set():
    got = {r["text"]: r["labels"] for r in _rows()}
    assert got["Face à la crise, quelles mesures comptez-vous prendre ?"] == []
    assert got["Allez-vous augmenter la dotation des départements ruraux ?"] == ["financement"]


def _clauses():
    texts = ["Quand le décret sera-t-il publié ?", "Quelles mesures allez-vous prendre ?",
             "Quel est le montant de l'enveloppe ?", "Qui pourra bénéficier de l'aide ?"] * 3
    y = rm.binarize([["calendrier"], [], ["financement"], ["eligibilite"]] * 3)
    return texts, y


def test_zero_weight_is_leaving_the_examples_out():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(40, 5)), (rng.random((40, 6)) > 0.6).astype(int)
    w = np.r_[np.ones(30), np.zeros(10)]
    a = rm.OneVsRestLR().fit(X, Y, sample_weight=w).predict_proba(X)
    b = rm.OneVsRestLR().fit(X[:30], Y[:30]).predict_proba(X)
    assert np.allclose(a, b, atol=1e-3)
    heavy = rm.OneVsRestLR().fit(X, Y, sample_weight=np.r_[np.ones(30), np.full(10, 5.0)]).predict_proba(X)
    assert not np.allclose(heavy, b, atol=1e-3)


def test_gate_multiplies_the_label_scores():
    texts, y = _clauses()
    model = rm.fit_clauses(texts, y, syn_weight=0.0, gate="all", cues=0.0, e5=0.0)
    probe = ["Quel est le calendrier prévu ?"]   # a clause no rule of rules.toml decides
    gate = model["gate"].predict_proba(probe)[:, 0]
    assert np.allclose(rm.clause_scores(model, probe), model["pipeline"].predict_proba(probe) * gate[:, None])


def test_text_path_calls_no_encoder(monkeypatch):
    texts, y = _clauses()
    text_model = {**rm.fit_clauses(texts, y, syn_weight=0.0, gate="all", e5=0.0), "thresholds": dict.fromkeys(rm.LABELS, 0.5)}
    model = {"pipeline": None, "gate": None, "thresholds": {}, "text": text_model}

    def boom(*a, **k):
        raise AssertionError("the encoder was called")
    monkeypatch.setattr(rm, "embed", boom)
    got = rm.predict(model, "Le décret est attendu. Quand le décret sera-t-il publié ?", embed=False)
    assert [c for c, _, _ in got] == ["calendrier"]
    with pytest.raises((AssertionError, AttributeError)):
        rm.predict(model, "Quand le décret sera-t-il publié ?", embed=True)


def test_synthetic_clauses_never_scored_in_validation(monkeypatch):
    texts, y = _clauses()
    qs = [rm.Question(t, [rm.LABELS[j] for j in np.flatnonzero(row)],
                      [(rm.LABELS[j], 0, len(t)) for j in np.flatnonzero(row)], f"doc{i}")
          for i, (t, row) in enumerate(zip(texts, y))]
    scored: list[str] = []
    real = rm.clause_scores

    def spy(model, batch):
        scored.extend(batch)
        return real(model, batch)
    monkeypatch.setattr(rm, "clause_scores", spy)
    syn = (["Combien de communes ont été retenues ?"], rm.binarize([["beneficiaires"]]))
    out = rm.out_of_fold(qs, folds=3, syn_weight=1.0, synthetic=syn, gate="", cues=0.0, e5=0.0)
    assert out.shape == (len(qs), len(rm.LABELS))
    assert syn[0][0] not in scored and sorted(scored) == sorted(texts)
