"""Stored sentence-encoder vectors, computed once and reused (themes, rubriques, search, drafting).

One row per (document, section start, kind, encoder): ``kind`` says what was embedded ("question" section,
"request" clause, ...) and ``encoder`` is the encoder's version tag, so vectors of two encoders never mix and a
new encoder simply finds its vectors missing. Vectors are stored as float16 blobs (768 bytes for 384 dimensions)
and returned as float32 arrays. The KB knows nothing of the encoder: callers pass vectors (arrays or the bytes of
float16 arrays) and the tag.
"""
from __future__ import annotations

import base64
import sqlite3
from typing import Iterable

import numpy as np

DDL = """
CREATE TABLE IF NOT EXISTS embeddings (
    doc_id TEXT NOT NULL,
    section_start INTEGER NOT NULL,
    section_end INTEGER NOT NULL,
    kind TEXT NOT NULL,            -- what was embedded: question section, request clause, ...
    encoder TEXT NOT NULL,         -- encoder version tag
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,          -- float16, little-endian
    PRIMARY KEY (doc_id, section_start, kind, encoder)
);
"""
DTYPE = np.dtype("<f2")

Key = tuple[str, int]   # (doc_id, section_start)


def create(conn: sqlite3.Connection) -> None:
    """Create the table if absent (a KB gets it from schema.DDL; this is for a bare connection)."""
    conn.execute(DDL.strip().rstrip(";"))


def _blob(vector) -> tuple[bytes, int]:
    if isinstance(vector, (bytes, bytearray, memoryview)):
        raw = bytes(vector)
        return raw, len(raw) // DTYPE.itemsize
    arr = np.asarray(vector, dtype=DTYPE).ravel()
    return arr.tobytes(), int(arr.size)


def put(conn: sqlite3.Connection, doc_id: str, rows: Iterable[tuple[int, int, object]], kind: str,
        encoder: str) -> int:
    """Store (section_start, section_end, vector) rows of a document; an existing row is replaced."""
    data = []
    for start, end, vector in rows:
        blob, dim = _blob(vector)
        data.append((doc_id, int(start), int(end), kind, encoder, dim, blob))
    conn.executemany("INSERT OR REPLACE INTO embeddings (doc_id, section_start, section_end, kind, encoder, dim, "
                     "vector) VALUES (?, ?, ?, ?, ?, ?, ?)", data)
    return len(data)


def get_many(conn: sqlite3.Connection, keys: Iterable[Key] | None, kind: str, encoder: str) -> dict[Key, np.ndarray]:
    """Vectors of the given (doc_id, section_start) keys (all of this kind and encoder when keys is None);
    keys not stored are absent from the result."""
    sql = "SELECT doc_id, section_start, vector FROM embeddings WHERE kind = ? AND encoder = ?"
    if keys is None:
        rows = conn.execute(sql, (kind, encoder)).fetchall()
    else:
        wanted = {(d, int(s)) for d, s in keys}
        docs = sorted({d for d, _ in wanted})
        rows = []
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            rows += conn.execute(sql + f" AND doc_id IN ({','.join('?' * len(chunk))})",
                                 (kind, encoder, *chunk)).fetchall()
        rows = [r for r in rows if (r[0], r[1]) in wanted]
    return {(d, s): np.frombuffer(v, dtype=DTYPE).astype(np.float32) for d, s, v in rows}


def missing(conn: sqlite3.Connection, keys: Iterable[Key], kind: str, encoder: str) -> list[Key]:
    """The keys that have no vector of this kind and encoder yet, in the order given."""
    keys = [(d, int(s)) for d, s in keys]
    have = get_many(conn, keys, kind, encoder)
    return [k for k in keys if k not in have]


def delete(conn: sqlite3.Connection, doc_id: str) -> None:
    """Forget every vector of a document (to call when the document is re-extracted or removed)."""
    conn.execute("DELETE FROM embeddings WHERE doc_id = ?", (doc_id,))


def put_record(conn: sqlite3.Connection, doc_id: str, items: Iterable[dict]) -> int:
    """Store a record's ``embeddings`` (``[{"kind", "start", "end", "encoder", "vector"}]``, vector = base64 of the
    float16 bytes), replacing every vector stored before for the document."""
    delete(conn, doc_id)
    groups: dict[tuple[str, str], list[tuple[int, int, object]]] = {}
    for it in items:
        groups.setdefault((it["kind"], it["encoder"]), []).append(
            (it["start"], it["end"], base64.b64decode(it["vector"])))
    return sum(put(conn, doc_id, rows, kind, enc) for (kind, enc), rows in groups.items())
