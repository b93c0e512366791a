"""Writes records into the knowledge base: one transaction per source file, so that an interrupted run keeps every
file already committed and never leaves a half-written document. Knows nothing of spaCy."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import cast
from pathlib import Path

from . import embeddings, search, sources
from .schema import Connected, bump_revision


def _json(x) -> str:
    return json.dumps(x, ensure_ascii=False, sort_keys=True)


class DuplicateDocument(Exception):
    pass


WRITER_CACHE_KIB = 65_536  # SQLite page cache of a writer: the indexes' upper B-tree pages stay in memory


class KBWriter(Connected):

    def __init__(self, path: str, read_only: bool = False):
        super().__init__(path, read_only)
        self.con.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")

    def is_unchanged(self, key: str, sha256: str, path: str | None = None) -> bool:
        """True when the source is stored with this content (and, when given, under this recorded path: the same
        file extracted from another folder gets the ids of that folder)."""
        row = self.con.execute("SELECT sha256, path FROM sources WHERE key = ?", (key,)).fetchone()
        err = self.con.execute("SELECT 1 FROM errors WHERE source_key = ?", (key,)).fetchone()
        return (row is not None and row["sha256"] == sha256 and err is None
                and (path is None or row["path"] == path))

    def record_error(self, key: str, path: str, sha256: str | None, stage: str, reason: str) -> None:
        """Record why a source failed; what was stored from it before is kept."""
        with self.con:
            self.con.execute(
                "INSERT INTO errors VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_key) DO UPDATE SET "
                "path = excluded.path, sha256 = excluded.sha256, stage = excluded.stage, reason = excluded.reason",
                (key, path, sha256, stage, reason))

    def prune(self, roots: list[str]) -> int:
        """Remove the sources under the folders (absolute paths) whose file is gone; their count."""
        gone = []
        for (key,) in self.con.execute("SELECT key FROM sources").fetchall():
            under = any(key == r or key.startswith(r.rstrip("/") + "/") for r in roots)
            if under and not Path(key).exists():
                gone.append(key)
        with self.con:
            for key in gone:
                sources.release(self.con, key)  # a document another file also holds moves to it
                ids = [r[0] for r in self.con.execute("SELECT id FROM documents WHERE source_key = ?", (key,))]
                search.unindex_documents(self.con, ids)
                for doc_id in ids:
                    embeddings.delete(self.con, doc_id)
                self.con.execute("DELETE FROM sources WHERE key = ?", (key,))
                self.con.execute("DELETE FROM errors WHERE source_key = ? OR substr(source_key, 1, ?) = ?",
                                 (key, len(key) + 1, key + ":"))
            if gone:
                bump_revision(self.con)
        return len(gone)

    def replace_source(self, key: str, path: str, sha256: str, size: int, records: list[dict],
                       problems: Sequence[tuple[str, str]] = ()) -> None:
        """Replace everything stored from this source by records, in one transaction."""
        con = self.con
        try:
            with con:
                kept = sources.release(con, key, records)  # documents other files also hold stay stored
                old = [r[0] for r in con.execute("SELECT id FROM documents WHERE source_key = ?", (key,))]
                search.unindex_documents(con, old)
                for doc_id in old:
                    embeddings.delete(con, doc_id)
                con.execute("DELETE FROM sources WHERE key = ?", (key,))  # cascades to documents and below
                # The file's own error and those of its lines ("key:12"): an exact prefix, no LIKE wildcards.
                con.execute("DELETE FROM errors WHERE source_key = ? OR substr(source_key, 1, ?) = ?",
                            (key, len(key) + 1, key + ":"))
                con.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?)", (key, path, sha256, size, len(records)))
                for rec in records:
                    held = sources.holder(con, rec["text"], key)
                    if held:          # the same text already stored from another file: recorded, not stored
                        sources.add_copy(con, held, key, rec["source"], rec["id"])
                        continue
                    self._insert(key, sha256, rec)
                    sources.add_text(con, rec["id"], rec["text"])
                sources.restore(con, kept)
                for where, reason in problems:
                    con.execute("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, 'read', ?)", (where, path, sha256, reason))
                bump_revision(con)
        except sqlite3.IntegrityError as exc:
            raise DuplicateDocument(str(exc)) from exc

    def _insert(self, key: str, sha256: str, rec: dict) -> None:
        con = self.con
        other = con.execute("SELECT source_key FROM documents WHERE id = ?", (rec["id"],)).fetchone()
        if other and not other[0].startswith("/"):
            # A source keyed by a relative path (knowledge bases written before 0.2): the same file, adopted.
            search.unindex_documents(con, [r[0] for r in con.execute("SELECT id FROM documents WHERE source_key = ?",
                                                                        (other[0],))])
            con.execute("DELETE FROM sources WHERE key = ?", (other[0],))
        elif other:
            raise DuplicateDocument(
                f"document id {rec['id']!r} is already stored from {other[0]}: ids of files are their paths "
                f"inside the folder given, so extract the folders' common parent to keep both")
        title = next((t for t in (rec["metadata"].get("title"), rec["metadata"].get("analyse"))
                      if isinstance(t, str) and t), None)
        cur = con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rec["id"], key, rec["source"], sha256, rec["format"], rec["kind"], rec.get("date"), title,
             _json(rec["metadata"]), rec["text"], _json(rec.get("offset_map", []))))
        search.index_document(con, cast(int, cur.lastrowid))
        con.executemany("INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)",
                        [(rec["id"], i, s["kind"], s.get("title"), s["start"], s["end"])
                         for i, s in enumerate(rec["sections"])])
        con.executemany("INSERT INTO pages VALUES (?, ?, ?, ?)",
                        [(rec["id"], p["number"], p["start"], p["end"]) for p in rec.get("pages", [])])
        for e in rec["entities"]:
            if e.get("entity_id"):
                self._upsert_entity(e)
        con.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rec["id"], i, e["label"], e["text"], e["start"], e["end"], e.get("section"), e.get("page"),
              _json(e.get("value")), e.get("entity_id")) for i, e in enumerate(rec["entities"])])
        named: dict[str, int] = {}
        for e in rec["entities"]:
            if e.get("entity_id"):
                named[e["entity_id"]] = named.get(e["entity_id"], 0) + 1
        con.executemany("INSERT INTO entity_documents VALUES (?, ?, ?, ?)",
                        [(rec["id"], ent, rec.get("date"), n) for ent, n in named.items()])
        con.executemany(
            "INSERT OR REPLACE INTO themes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rec["id"], t.get("taxonomy", "tdi"), t["theme"], float(t["score"]), t.get("evidence"),
              t.get("start"), t.get("end")) for t in rec.get("themes", [])])
        if rec.get("embeddings"):
            embeddings.put_record(con, rec["id"], rec["embeddings"])

    def _upsert_entity(self, e: dict) -> None:
        value = e.get("value") or {}
        ext = dict(value.get("external_ids") or {})
        if value.get("code"):
            ext.setdefault("code", value["code"])
        data = {k: v for k, v in value.items() if k not in ("external_ids",)}
        # Whatever the order documents come in, an entity keeps the smallest of the descriptions seen.
        self.con.execute(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET label = excluded.label, "
            "canonical = excluded.canonical, external_ids = excluded.external_ids, data = excluded.data "
            "WHERE (excluded.canonical, excluded.data, excluded.external_ids) < (canonical, data, external_ids)",
            (e["entity_id"], e["label"], value.get("name") or e["text"], _json(ext), _json(data)))
