"""The same text read from several files (a press release as .txt and .pdf) is stored once, every file recorded.

``document_texts`` holds the SHA-256 of each stored document's normalized text; ``document_sources`` the other files
whose document has that same text (the document itself stays under the file that stored it first). A file whose
document is such a copy has its ``sources`` row (so it is skipped while unchanged) and no document of its own.
When the storing file is gone (``--prune``) or re-extracted with another text, the document moves to the next
file that holds it. The tables are created by ``schema.connect`` with the others (``IF NOT EXISTS``: a KB written
before them gains them, empty, when opened for writing).
"""
from __future__ import annotations

import hashlib
import sqlite3
from functools import lru_cache

DDL = """
CREATE TABLE IF NOT EXISTS document_texts (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL           -- of the normalized text
);
CREATE INDEX IF NOT EXISTS document_texts_sha ON document_texts(sha256);

-- Other files holding a stored document's text: the document is stored once, under documents.source_key.
CREATE TABLE IF NOT EXISTS document_sources (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_key TEXT NOT NULL REFERENCES sources(key) ON DELETE CASCADE,
    path TEXT NOT NULL,            -- the record's source ("corpus/communique.pdf")
    own_id TEXT NOT NULL,          -- the id the document would have had from that file
    PRIMARY KEY (doc_id, source_key)
);
CREATE INDEX IF NOT EXISTS document_sources_source ON document_sources(source_key);
"""

MIN_CHARS = 200  # shorter texts ("Oui.", an empty template) are not merged


@lru_cache(maxsize=64)  # a record's text is hashed by release, holder and add_text in one write
def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def holder(con: sqlite3.Connection, text: str, key: str) -> str | None:
    """Id of a document stored from another file with this very text, or None."""
    if len(text) < MIN_CHARS:
        return None
    row = con.execute("SELECT t.doc_id FROM document_texts t JOIN documents d ON d.id = t.doc_id "
                      "WHERE t.sha256 = ? AND d.source_key != ? ORDER BY d.id LIMIT 1", (text_sha(text), key)).fetchone()
    return row[0] if row else None


def add_copy(con: sqlite3.Connection, doc_id: str, key: str, path: str, own_id: str) -> None:
    con.execute("INSERT OR REPLACE INTO document_sources VALUES (?, ?, ?, ?)", (doc_id, key, path, own_id))


def add_text(con: sqlite3.Connection, doc_id: str, text: str) -> None:
    con.execute("INSERT OR REPLACE INTO document_texts VALUES (?, ?)", (doc_id, text_sha(text)))


def release(con: sqlite3.Connection, key: str, new_records: list[dict] | None = None) -> list[tuple[str, str, str, str]]:
    """Before the documents of file key are deleted: each one that other files also hold moves to the first of
    them, unless the new records of key hold the same text again (then its copies are returned, as
    (text sha, source_key, path, own_id), to be recorded again by ``restore``). A moved document whose id a new
    record takes back is not moved: the other files are marked for re-extraction instead."""
    new = {text_sha(r["text"]): r["id"] for r in new_records or []}
    new_ids = set(new.values())
    keep = []
    rows = con.execute("SELECT s.doc_id, s.source_key, s.path, s.own_id, t.sha256 FROM document_sources s "
                       "JOIN documents d ON d.id = s.doc_id LEFT JOIN document_texts t ON t.doc_id = s.doc_id "
                       "WHERE d.source_key = ? ORDER BY s.doc_id, s.source_key", (key,)).fetchall()
    moved: set[str] = set()
    for doc_id, other, path, own_id, sha in rows:
        if sha in new:
            keep.append((sha, other, path, own_id))
        elif doc_id in new_ids:
            con.execute("DELETE FROM sources WHERE key = ?", (other,))   # re-extracted on the next run
        elif doc_id not in moved:
            con.execute("UPDATE documents SET source_key = ?, path = ? WHERE id = ?", (other, path, doc_id))
            con.execute("DELETE FROM document_sources WHERE doc_id = ? AND source_key = ?", (doc_id, other))
            con.execute("UPDATE sources SET n_documents = n_documents + 1 WHERE key = ?", (other,))
            moved.add(doc_id)
    return keep


def restore(con: sqlite3.Connection, kept: list[tuple[str, str, str, str]]) -> None:
    """Record again the copies ``release`` kept, on the document now holding their text."""
    for sha, other, path, own_id in kept:
        row = con.execute("SELECT doc_id FROM document_texts WHERE sha256 = ? ORDER BY doc_id LIMIT 1",
                          (sha,)).fetchone()
        if row and con.execute("SELECT 1 FROM sources WHERE key = ?", (other,)).fetchone():
            add_copy(con, row[0], other, path, own_id)
