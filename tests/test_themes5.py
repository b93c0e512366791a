"""Themes stored by extraction are the ones ``classify`` gives (issue 12): the request clauses of each question
section are embedded once, scored by the model's E5 path and stored; the off switch takes the text-only path."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from tdi_nlp import encoder
from tdi_nlp.config import settings
from tdi_nlp.extraction import run
from tdi_nlp.themes import vectors
from tdi_nlp.themes.classifier import classify
from tdi_nlp.themes.requests import find_requests

QUESTION = ("M. le député attire l'attention du Gouvernement sur les Territoires d'industrie. "
            "Il souhaiterait connaître le calendrier de la signature des contrats et la date du versement des crédits. "
            "Il demande aussi quels territoires non listés pourront devenir éligibles et selon quels critères.")


def _folder(tmp_path, corpus_dir):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "q1.txt").write_bytes((corpus_dir / "001_fe086644e29b4116.txt").read_bytes())
    seed = (corpus_dir / "001_fe086644e29b4116.txt").read_text(encoding="utf-8")
    head, _, rest = seed.partition("### Texte de la question")
    _, _, tail = rest.partition("### Texte de la réponse")
    (d / "q2.txt").write_text(head + "### Texte de la question\n\n" + QUESTION + "\n\n### Texte de la réponse" + tail,
                              encoding="utf-8")
    return d


def _stored(kb: str, embed: bool):
    """Per question section: (KB tdi themes, classify's themes shifted to document offsets, section text, start)."""
    con = sqlite3.connect(kb)
    out = []
    for doc_id, text in con.execute("SELECT id, text FROM documents ORDER BY id"):
        secs = con.execute("SELECT start, end FROM sections WHERE doc_id = ? AND kind = 'question'", (doc_id,)).fetchall()
        assert len(secs) == 1
        s, e = secs[0]
        got = sorted(con.execute("SELECT theme, round(score, 4), evidence_start, evidence_end FROM themes "
                                 "WHERE doc_id = ? AND taxonomy = 'tdi'", (doc_id,)).fetchall())
        want = sorted((t["theme"], t["score"], s + t["start"], s + t["end"]) for t in classify(text[s:e], embed=embed))
        out.append((doc_id, got, want, text[s:e], s))
    return con, out


def test_stored_themes_equal_classify_and_clause_vectors_are_stored(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setattr(settings, "embed_requests", 1)
    kb = str(tmp_path / "kb.sqlite")
    run([str(_folder(tmp_path, corpus_dir))], kb, show_progress=False)
    con, rows = _stored(kb, embed=True)
    assert len(rows) == 2 and any(got for _, got, _, _, _ in rows)
    for doc_id, got, want, section, start in rows:
        assert got == want, doc_id
        clauses = find_requests(section)
        stored = con.execute("SELECT section_start, section_end, kind, encoder FROM embeddings WHERE doc_id = ? "
                             "ORDER BY section_start", (doc_id,)).fetchall()
        assert stored == [(start + r.start, start + r.end, vectors.KIND, encoder.ENCODER_TAG) for r in clauses]
        vec = con.execute("SELECT vector FROM embeddings WHERE doc_id = ? ORDER BY section_start",
                          (doc_id,)).fetchone()[0]
        fresh = vectors.clause_vectors([clauses[0].text])[0]
        assert np.max(np.abs(np.frombuffer(vec, dtype="<f2") - fresh)) < 1e-3  # float16 of the same vector


def test_off_switch_embeds_nothing_and_takes_the_text_only_path(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setattr(settings, "embed_requests", 0)
    kb = str(tmp_path / "kb.sqlite")

    def refuse(*a, **k):
        raise AssertionError("encoder called with embed_requests=0")

    monkeypatch.setattr(encoder, "embed_query", refuse)
    monkeypatch.setattr(encoder, "embed_passages", refuse)
    run([str(_folder(tmp_path, corpus_dir))], kb, show_progress=False)
    con, rows = _stored(kb, embed=False)
    assert con.execute("SELECT COUNT(*) FROM embeddings").fetchone() == (0,)
    for doc_id, got, want, _, _ in rows:
        assert got == want, doc_id


def test_given_clause_vectors_score_as_computed_ones():
    from tdi_nlp.themes import request_model as rm
    from tdi_nlp.themes.classifier import load
    model = load("tdi")["model"]
    clauses = find_requests(QUESTION)
    vecs = vectors.clause_vectors([r.text for r in clauses])
    assert rm.predict(model, QUESTION, clause_vecs=vecs) == rm.predict(model, QUESTION)
    with pytest.raises(ValueError):
        rm.predict(model, QUESTION, clause_vecs=vecs[:1])


def _unit(*xs):
    v = np.zeros(384, dtype=np.float32)
    v[:len(xs)] = xs
    return v / np.linalg.norm(v)


def test_prototype_features_leave_a_training_clause_out_of_its_neighbours():
    from tdi_nlp.themes.request_model import Clause, PrototypeFeatures
    X = [Clause("a", _unit(1, 0)), Clause("b", _unit(0.9, 0.1)), Clause("c", _unit(0, 1)), Clause("a", _unit(1, 0))]
    y = np.array([[1], [1], [0], [1]])
    f = PrototypeFeatures(k=1).fit_transform(X, y)
    assert f.shape == (4, 2)  # the label's column and "no label"
    # "a" may not see itself nor its copy: its nearest positive is "b"
    assert f[0, 0] == pytest.approx(float(_unit(1, 0) @ _unit(0.9, 0.1)), abs=1e-3)
    assert f[2, 1] == 0.0 or f[2, 1] < -1  # "c" is the only clause with no label: no neighbour in its own column
    got = PrototypeFeatures(k=1).fit(X, y).transform([Clause("q", _unit(0, 1))])
    assert got[0, 1] == pytest.approx(1.0, abs=1e-3) and got[0, 0] < 0.2


def test_truncated_keeps_whole_words_within_the_token_budget():
    text = "Il souhaiterait connaître le calendrier de la signature des contrats de territoire et la date du versement"
    assert vectors.truncated(text) == text and vectors.truncated(text, 512) == text
    cut = vectors.truncated(text, 12)
    assert text.startswith(cut) and len(cut) < len(text) and encoder.model().token_count(cut, True) <= 12
    nxt = " ".join(text.split()[:len(cut.split()) + 1])
    assert encoder.model().token_count(nxt, True) > 12


def test_shared_threshold_and_evidence_clauses():
    from tdi_nlp.themes import request_model as rm
    y = np.array([[1, 0], [0, 1], [0, 0]])
    proba = np.array([[0.6, 0.1], [0.2, 0.7], [0.3, 0.3]])
    cut = rm.shared_threshold(y, proba)
    assert len(set(cut)) == 1 and 0.3 <= cut[0] < 0.6
    q = rm.Question("Quand ? Combien  de crédits ?", ["calendrier", "financement"],
                    [("calendrier", 0, 7), ("financement", 8, 29), ("calendrier", 8, 29)], "g")
    texts, ys = rm.evidence_clauses([q])
    assert texts == ["Quand ?", "Combien de crédits ?"]
    assert ys[1, rm.LABELS.index("financement")] == 1 and ys[1, rm.LABELS.index("calendrier")] == 1
