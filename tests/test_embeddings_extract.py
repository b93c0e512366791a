"""Encoder vectors computed once: extraction stores the request clauses' vectors (with embed_requests=1), a re-run computes
none; with embed_requests=0 it embeds nothing."""
import shutil
import sqlite3

import numpy as np

from tdi_nlp import encoder
from tdi_nlp.config import settings
from tdi_nlp.extraction import run
from tdi_nlp.kb import embeddings as store
from tdi_nlp.themes import vectors


def test_second_run_computes_nothing(tmp_path, corpus_dir, monkeypatch):
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copy(corpus_dir / "001_fe086644e29b4116.txt", d / "q.txt")
    calls = []
    real = encoder.embed_query

    def counting(text, *a, **k):
        calls.append(text)
        return real(text, *a, **k)

    monkeypatch.setattr(encoder, "embed_query", counting)
    monkeypatch.setattr(settings, "embed_requests", 1)
    kb = str(tmp_path / "kb.sqlite")
    run([str(d)], kb, show_progress=False)
    assert calls
    con = sqlite3.connect(kb)
    rows = con.execute("SELECT doc_id, section_start, section_end, kind, encoder, dim, length(vector) "
                       "FROM embeddings").fetchall()
    assert len(rows) == len(calls)  # each clause embedded once
    assert all(r[3] == vectors.KIND and r[4] == encoder.ENCODER_TAG and r[5] == 384 and r[6] == 768 for r in rows)
    text = con.execute("SELECT text FROM documents WHERE id = ?", (rows[0][0],)).fetchone()[0]
    got = store.get_many(con, [(rows[0][0], rows[0][1])], vectors.KIND, encoder.ENCODER_TAG)
    vec = next(iter(got.values()))
    fresh = real(text[rows[0][1]:rows[0][2]])
    assert float(np.dot(vec, fresh)) > 0.99  # the vector of the stored clause, float16-rounded
    calls.clear()
    # a reader of a stored document's vectors finds them: nothing computed; another kind is computed once
    spans = [(r[1], r[2], text[r[1]:r[2]]) for r in rows if r[0] == rows[0][0]]
    got_all = vectors.stored_or_computed(con, rows[0][0], spans)
    assert got_all.shape == (len(spans), 384) and np.allclose(got_all[0], vec)
    assert calls == []
    q = [(0, 40, text[:40])]
    first = vectors.stored_or_computed(con, rows[0][0], q, kind="question")
    assert np.allclose(vectors.stored_or_computed(con, rows[0][0], q, kind="question"), first)
    assert len(calls) == 1
    con.close()
    calls.clear()
    run([str(d)], kb, show_progress=False)
    assert calls == []


def test_switched_off_run_embeds_nothing(tmp_path, corpus_dir, monkeypatch):
    d = tmp_path / "docs"
    d.mkdir()
    # seed 000: a question the text-only path gives themes
    shutil.copy(corpus_dir / "000_56cbaf23b5cb3c3e.txt", d / "q.txt")
    monkeypatch.setattr(settings, "embed_requests", 0)
    for name in ("embed_passages", "embed_query"):
        monkeypatch.setattr(encoder, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("called")))
    kb = str(tmp_path / "kb.sqlite")
    run([str(d)], kb, show_progress=False)
    con = sqlite3.connect(kb)
    assert con.execute("SELECT COUNT(*) FROM embeddings").fetchone() == (0,)
    assert con.execute("SELECT COUNT(*) FROM themes").fetchone()[0] >= 1
