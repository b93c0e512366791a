"""The knowledge-base schema (SQLite), versioned. The KB knows nothing of spaCy."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..config import settings

from . import embeddings, search, sources

SCHEMA_VERSION = 3

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per input file (a JSON Lines file holds many documents): the unit of idempotence.
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY,          -- path relative to the folder given
    path TEXT NOT NULL,            -- path as read
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    n_documents INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_key TEXT NOT NULL REFERENCES sources(key) ON DELETE CASCADE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,
    title TEXT,
    metadata TEXT NOT NULL,        -- JSON
    text TEXT NOT NULL,            -- normalized text: every offset below refers to it
    offset_map TEXT NOT NULL       -- JSON [[normalized_offset, raw_offset], ...] anchors
);
CREATE INDEX IF NOT EXISTS documents_kind ON documents(kind);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_key);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date, id);
-- covering: the document manifest ({id: sha256}) read without touching the (large) document rows
CREATE INDEX IF NOT EXISTS documents_hash ON documents(id, sha256);

CREATE TABLE IF NOT EXISTS sections (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,            -- question, answer, heading, body, metadata...
    title TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, number)
);

CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,           -- e.g. region:32, person:pannier-runacher-agnes, org:bpifrance
    label TEXT NOT NULL,
    canonical TEXT NOT NULL,
    external_ids TEXT NOT NULL,    -- JSON
    data TEXT NOT NULL             -- JSON
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    section TEXT,                  -- kind of the section holding it
    page INTEGER,
    value TEXT,                    -- JSON normalized value
    entity_id TEXT REFERENCES entities(id),
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS mentions_label ON mentions(label);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);

-- Summary kept by the writer in the same transaction as the mentions: each document naming an entity, with the
-- document's date and how many times it names it (entity pages, entity filters, entity counts).
CREATE TABLE IF NOT EXISTS entity_documents (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    date TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_documents_date ON entity_documents(entity_id, date, doc_id, mentions);

CREATE TABLE IF NOT EXISTS themes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    taxonomy TEXT NOT NULL,        -- tdi | rubrique
    theme TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    PRIMARY KEY (doc_id, taxonomy, theme)
);

CREATE TABLE IF NOT EXISTS errors (
    source_key TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    stage TEXT NOT NULL,           -- read | process | write
    reason TEXT NOT NULL
);
"""

FTS_DDL = """
-- Full text. documents_fts indexes documents itself (external content: Datasette's ?_search= finds it);
-- search_index holds the analyzed (folded, elisions dropped, stemmed) title and text that KnowledgeBase.search
-- ranks (kb/search.py). Both use the documents' rowids, which VACUUM may renumber (documents has no INTEGER
-- PRIMARY KEY): after a VACUUM, run kb.search.rebuild(con).
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    id UNINDEXED, title, text, content="documents", content_rowid="rowid",
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 0');
"""
DDL += FTS_DDL
DDL += sources.DDL  # the same text from several files, stored once (kb/sources.py)
DDL += embeddings.DDL  # encoder vectors, computed once (kb/embeddings.py)


def _migrate_1(con: sqlite3.Connection) -> None:
    """Version 1 -> 2: documents_fts becomes an external-content index of documents; search_index is built."""
    con.execute("DROP TABLE IF EXISTS documents_fts")
    for statement in FTS_DDL.split(";"):
        if statement.strip():
            con.execute(statement)
    search.rebuild(con)


# FTS5 merges its segments once this many of a level exist (SQLite's default: 4). A writer commits one file at a
# time, one new segment per commit: 8 halves the merging a write pays for, a query reads a few more segments.
FTS_AUTOMERGE = 8


def _tune_fts(con: sqlite3.Connection) -> None:
    for table in ("documents_fts", "search_index"):
        con.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', ?)", (FTS_AUTOMERGE,))


ENTITY_DOCUMENTS_SQL = ("INSERT INTO entity_documents SELECT m.doc_id, m.entity_id, d.date, count(*) FROM mentions m "
                        "JOIN documents d ON d.id = m.doc_id WHERE m.entity_id IS NOT NULL{where} "
                        "GROUP BY m.doc_id, m.entity_id")


def _migrate_2(con: sqlite3.Connection) -> None:
    """Version 2 -> 3: entity_documents (and its indexes) built from the mentions; documents_hash; revision;
    FTS5 automerge."""
    # connect() has already created the new table and indexes (CREATE ... IF NOT EXISTS)
    con.execute("DELETE FROM entity_documents")
    con.execute(ENTITY_DOCUMENTS_SQL.format(where=""))
    con.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")
    _tune_fts(con)


MIGRATIONS = {1: _migrate_1, 2: _migrate_2}  # from version N to N + 1


def _upgrade(con: sqlite3.Connection, version: int, path: str) -> None:
    """Bring a KB of an older schema version up to SCHEMA_VERSION, in one transaction."""
    if version > SCHEMA_VERSION or any(v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)):
        raise RuntimeError(f"{path}: knowledge base schema version {version}, this tdi-nlp expects {SCHEMA_VERSION}")
    con.execute("BEGIN")  # DDL too: the sqlite3 module would not open a transaction for it
    try:
        for v in range(version, SCHEMA_VERSION):
            MIGRATIONS[v](con)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        con.commit()
    except BaseException:
        con.rollback()
        raise


def revision(con: sqlite3.Connection) -> int:
    """The KB's revision: a counter the writer bumps in every transaction that changes documents."""
    row = con.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    return int(row[0]) if row else 0


def bump_revision(con: sqlite3.Connection) -> None:
    """Count one more change of the documents (inside the writer's transaction)."""
    con.execute("INSERT INTO meta VALUES ('revision', '1') ON CONFLICT(key) DO UPDATE SET "
                "value = CAST(value AS INTEGER) + 1")


def writable(path: str) -> bool:
    """Whether the KB file and its folder (SQLite writes journals beside it) can be written."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection (``file:...?mode=ro``); ``immutable=1`` when even that cannot open it (a WAL file in
    a read-only folder, where SQLite cannot create the -shm index)."""
    uri = "file:" + quote(str(Path(path).resolve()))
    try:
        con = sqlite3.connect(uri + "?mode=ro", uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        con = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)
    return con


def connect(path: str, read_only: bool = False) -> sqlite3.Connection:
    """Open (and create or check) a KB file; read_only: open it as it is, without creating or migrating."""
    if read_only:
        con = _connect_read_only(path)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA query_only = ON")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) != SCHEMA_VERSION:
            raise RuntimeError(f"{path}: knowledge base schema version {row[0]}, this tdi-nlp expects {SCHEMA_VERSION}")
        return con
    con = sqlite3.connect(path, timeout=settings.lock_timeout)  # wait for another writer's lock, then fail
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.executescript(DDL)
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        with con:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")
            _tune_fts(con)
    elif int(row[0]) != SCHEMA_VERSION:
        _upgrade(con, int(row[0]), path)
    return con


class Connected:
    """Holds a connection to a KB file; a context manager that closes it."""

    def __init__(self, path: str, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
