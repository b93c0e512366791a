"""Read access to the knowledge base: ``KnowledgeBase(path)``."""
from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..text_utils import fold
from . import search
from .schema import Connected, revision, writable


def _row(r: sqlite3.Row, json_cols=("metadata", "value", "external_ids", "data")) -> dict:
    d = dict(r)
    for k in json_cols:
        if k in d and isinstance(d[k], str):
            d[k] = json.loads(d[k])
    return d


# results of whole-KB aggregates (statistics, filter values) by (KB file, name): (kb.state(), value)
_MEMO: dict[tuple[str, str], tuple[tuple, object]] = {}


class KnowledgeBase(Connected):
    """Queries over a KB file: documents, mentions, entities, full-text search, statistics."""

    def __init__(self, path: str | Path, read_only: bool | None = None):
        """read_only: open without creating or migrating anything (default: when the file or its folder is not
        writable, e.g. a shared read-only KB)."""
        if not Path(path).exists():
            raise FileNotFoundError(f"no knowledge base at {path}: run `tdi-nlp extract FOLDER --kb {path}` first")
        super().__init__(str(path), read_only=not writable(str(path)) if read_only is None else read_only)

    # Documents -----------------------------------------------------------------------------------------------
    def documents(self, kind: str | None = None, territory: str | None = None, person: str | None = None,
                  entity: str | None = None, theme: str | None = None, rubrique: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, limit: int | None = None,
                  offset: int = 0, newest_first: bool = False) -> list[dict]:
        """Documents (without their text) filtered by kind, linked entity (id or name), theme, rubrique, date;
        oldest first (newest first when asked), limit/offset for pages."""
        cols = "d.id, d.source_key, d.path, d.format, d.kind, d.date, d.title, d.metadata"
        ids = self._only_entity(kind, territory, person, entity, theme, rubrique, date_from, date_to)
        if ids is not None:  # an entity's page: its documents in date order from the index of entity_documents
            way = " DESC" if newest_first else ""
            sql = (f"SELECT {cols} FROM entity_documents n JOIN documents d ON d.id = n.doc_id WHERE n.entity_id = ? "
                   f"ORDER BY n.date{way}, n.doc_id{way}")
            if limit:
                sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
            return [_row(r) for r in self.con.execute(sql, ids)]
        where, args = self._filters(kind, territory, person, entity, theme, rubrique, date_from, date_to)
        order = " ORDER BY d.date DESC, d.id DESC" if newest_first else " ORDER BY d.date, d.id"
        sql = (f"SELECT {cols} FROM documents d" + (" WHERE " + " AND ".join(where) if where else "") + order)
        if limit:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [_row(r) for r in self.con.execute(sql, args)]

    def count_documents(self, **filters) -> int:
        """How many documents documents(**filters) would list."""
        ids = self._only_entity(**filters)
        if ids is not None:
            return self.con.execute("SELECT count(*) FROM entity_documents WHERE entity_id = ?", ids).fetchone()[0]
        where, args = self._filters(**filters)
        sql = "SELECT count(*) FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        return self.con.execute(sql, args).fetchone()[0]

    def _only_entity(self, kind=None, territory=None, person=None, entity=None, theme=None, rubrique=None,
                     date_from=None, date_to=None) -> list[str] | None:
        """[the entity id] when the filters are one entity (by id or a name naming one entity) and nothing else."""
        if not entity or any((kind, territory, person, theme, rubrique, date_from, date_to)):
            return None
        ids = self.resolve_entity(entity)
        return ids if len(ids) == 1 else None

    def entity_mentions(self, entity_id: str, doc_ids: list[str]) -> dict[str, list[dict]]:
        """The mentions (all labels) of each of doc_ids that holds a mention of entity_id, by document."""
        out: dict[str, list[dict]] = {d: [] for d in doc_ids}
        if not doc_ids:
            return out
        marks = ",".join("?" * len(doc_ids))
        for r in self.con.execute(f"SELECT * FROM mentions WHERE doc_id IN ({marks}) ORDER BY doc_id, idx", doc_ids):
            out[r["doc_id"]].append(_row(r))
        return out

    def _filters(self, kind=None, territory=None, person=None, entity=None, theme=None, rubrique=None,
                 date_from=None, date_to=None) -> tuple[list[str], list]:
        """SQL conditions on documents ``d`` and their arguments for the filters of documents()."""
        where, args = [], []
        if kind:
            where.append("d.kind = ?")
            args.append(kind)
        for label, ref in (("TERRITORY", territory), ("PERSON", person), (None, entity)):
            if ref:
                ids = self.resolve_entity(ref, label)
                where.append(f"d.id IN (SELECT doc_id FROM entity_documents WHERE entity_id IN "
                             f"({','.join('?' * len(ids)) or 'NULL'}))")
                args.extend(ids)
        for value, clause in ((theme, "d.id IN (SELECT doc_id FROM themes WHERE theme = ?)"),
                              (rubrique, "lower(json_extract(d.metadata, '$.rubrique')) = lower(?)"),
                              (date_from, "d.date >= ?"), (date_to, "d.date <= ?")):
            if value:
                where.append(clause)
                args.append(value)
        return where, args

    def document(self, doc_id: str) -> dict | None:
        r = self.con.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        d = _row(r)
        d["offset_map"] = json.loads(d["offset_map"])
        d["sections"] = [dict(s) for s in self.con.execute(
            "SELECT kind, title, start, end FROM sections WHERE doc_id = ? ORDER BY idx", (doc_id,))]
        d["pages"] = [dict(p) for p in self.con.execute(
            "SELECT number, start, end FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,))]
        return d

    def documents_sections(self, doc_ids: list[str], batch: int = 500) -> Iterator[dict]:
        """{id, kind, date, metadata, text, sections} of each of doc_ids found, in that order: what document()
        gives without the offset map and pages, read two queries per batch of ids instead of three per document."""
        for i in range(0, len(doc_ids), batch):
            ids = doc_ids[i:i + batch]
            marks = ",".join("?" * len(ids))
            docs = {r["id"]: _row(r) for r in self.con.execute(
                f"SELECT id, kind, date, metadata, text FROM documents WHERE id IN ({marks})", ids)}
            for d in docs.values():
                d["sections"] = []
            for r in self.con.execute(f"SELECT doc_id, kind, title, start, end FROM sections WHERE doc_id IN "
                                      f"({marks}) ORDER BY doc_id, idx", ids):
                docs[r["doc_id"]]["sections"].append({"kind": r["kind"], "title": r["title"], "start": r["start"],
                                                      "end": r["end"]})
            yield from (docs[d] for d in ids if d in docs)

    def text_and_date(self, doc_id: str) -> sqlite3.Row | None:
        """A document's text and date (row["text"], row["date"]), without the rest."""
        return self.con.execute("SELECT text, date FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def text_slice(self, doc_id: str, start: int, end: int) -> str:
        """The characters [start, end) of a document's text ("" for an unknown document)."""
        row = self.con.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                               (start + 1, end - start, doc_id)).fetchone()
        return row[0] if row else ""

    def document_hashes(self) -> dict[str, str]:
        """{document id: SHA-256 of its source file} (read from the covering index documents_hash)."""
        return dict(self.con.execute("SELECT id, sha256 FROM documents INDEXED BY documents_hash").fetchall())

    def state(self) -> tuple[str, int, int]:
        """Changes when the documents change: (the KB file, the writer's revision, the last document rowid); what
        in-process caches of derived data are keyed by. Costs two look-ups."""
        last = self.con.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
        return self.path, revision(self.con), last

    def source_documents(self, source_key: str) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents WHERE source_key = ? ORDER BY rowid", (source_key,))]

    def record(self, doc_id: str) -> dict:
        """The JSON Lines record of a stored document (same contract as extraction)."""
        d = self.document(doc_id)
        if d is None:
            raise KeyError(doc_id)
        return {
            "id": d["id"], "source": d["path"], "format": d["format"], "kind": d["kind"], "date": d["date"],
            "metadata": d["metadata"], "text": d["text"], "sections": d["sections"], "pages": d["pages"],
            "entities": [{k: m[k] for k in ("label", "text", "start", "end", "section", "page", "value", "entity_id")}
                         for m in self.mentions(doc_id=doc_id)],
            "themes": self.themes(doc_id),
        }

    # Mentions, entities, themes --------------------------------------------------------------------------------
    def mentions(self, label: str | None = None, doc_id: str | None = None, entity_id: str | None = None) -> list[dict]:
        where, args = [], []
        for col, val in (("label", label), ("doc_id", doc_id), ("entity_id", entity_id)):
            if val:
                where.append(f"{col} = ?")
                args.append(val)
        sql = "SELECT * FROM mentions" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY doc_id, idx"
        return [_row(r) for r in self.con.execute(sql, args)]

    def entities(self, label: str | None = None) -> list[dict]:
        sql = ("SELECT e.*, coalesce(n.mentions, 0) AS mentions, coalesce(n.documents, 0) AS documents "
               "FROM entities e LEFT JOIN (SELECT entity_id, sum(mentions) AS mentions, count(*) AS documents "
               "FROM entity_documents GROUP BY entity_id) n ON n.entity_id = e.id"
               + (" WHERE e.label = ?" if label else "") + " ORDER BY mentions DESC, e.id")
        return [_row(r) for r in self.con.execute(sql, (label,) if label else ())]

    def entity(self, entity_id: str) -> dict | None:
        r = self.con.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return _row(r) if r else None

    def resolve_entity(self, ref: str, label: str | None = None) -> list[str]:
        """Entity ids for an id ("region:32") or a name ("Hauts-de-France"), accents and case ignored."""
        if self.entity(ref):
            return [ref]
        target = fold(ref)
        rows = self.con.execute("SELECT id, label, canonical FROM entities" + (" WHERE label = ?" if label else ""),
                                (label,) if label else ())
        return [r["id"] for r in rows if fold(r["canonical"]) == target]

    def documents_naming(self, entity_ids) -> list[str]:
        """Ids of the documents with a mention linked to one of entity_ids."""
        ids = sorted(set(entity_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [r[0] for r in self.con.execute(
            f"SELECT DISTINCT doc_id FROM entity_documents WHERE entity_id IN ({marks})", ids)]

    def _memo(self, name: str, compute):
        """compute(), kept in-process while the KB's documents are unchanged (kb.state())."""
        key, state = (self.path, name), self.state()
        found = _MEMO.get(key)
        if found is None or found[0] != state:
            found = _MEMO[key] = (state, compute())
        return copy.deepcopy(found[1])

    def filter_options(self, limit: int = 2000) -> dict[str, list[str]]:
        """Values offered by the search filters: tdi themes, rubriques, territory and person names."""
        return self._memo(f"filter_options:{limit}", lambda: self._filter_options(limit))

    def _filter_options(self, limit: int) -> dict[str, list[str]]:
        q = self.con.execute
        return {
            "themes": [r[0] for r in q("SELECT DISTINCT theme FROM themes WHERE taxonomy = 'tdi' ORDER BY 1")],
            "rubriques": [r[0] for r in q(
                "SELECT DISTINCT json_extract(metadata, '$.rubrique') AS r FROM documents WHERE r IS NOT NULL "
                "UNION SELECT DISTINCT theme FROM themes WHERE taxonomy = 'rubrique' ORDER BY 1")],
            "territories": [r[0] for r in q(
                "SELECT canonical FROM entities WHERE label = 'TERRITORY' ORDER BY canonical LIMIT ?", (limit,))],
            "persons": [r[0] for r in q(
                "SELECT canonical FROM entities WHERE label = 'PERSON' ORDER BY canonical LIMIT ?", (limit,))],
        }

    def count_units(self, min_count: int = 2, limit: int = 20) -> list[str]:
        """Units of COUNT mentions said at least min_count times, most frequent first ("territoire", ...)."""
        return [r[0] for r in self.con.execute(
            "SELECT json_extract(value, '$.unit') AS u, count(*) AS n FROM mentions WHERE label = 'COUNT' "
            "AND u IS NOT NULL GROUP BY u HAVING n >= ? ORDER BY n DESC LIMIT ?", (min_count, limit))]

    def themes(self, doc_id: str) -> list[dict]:
        return [dict(r) for r in self.con.execute(
            "SELECT taxonomy, theme, score, evidence, evidence_start AS start, evidence_end AS end FROM themes "
            "WHERE doc_id = ? ORDER BY taxonomy, score DESC", (doc_id,))]

    # Search and statistics ---------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance", **filters) -> list[dict]:
        """Ranked French-aware search: [{id, title, kind, date, score, snippet}] (see search_page)."""
        return self.search_page(query, limit, offset, sort, **filters)["results"]

    def search_page(self, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance",
                    **filters) -> dict:
        """{"total": documents matching, "results": [{id, title, kind, date, score, snippet}]} for one page.

        Words are optional (documents matching more of them rank higher, BM25), accents, case, elisions and
        plural/singular ignored, stop words dropped; "quoted phrases" match whole; -word excludes. ``sort`` is
        "relevance" or "date" (newest first); filters are those of documents(); the snippet marks matches in [ ].
        """
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        where, args = self._filters(**filters)
        total, results = search.run(self.con, search.parse(query), where, args, max(0, int(limit)),
                                    max(0, int(offset)), sort)
        return {"total": total, "results": results}

    def errors(self) -> list[dict]:
        return [dict(r) for r in self.con.execute("SELECT * FROM errors ORDER BY source_key")]

    def stats(self) -> dict:
        """Documents by kind, mentions by label, entities by label, themes, errors."""
        out = self._memo("stats", self._stats)  # errors are not documents: counted apart, each time
        out["errors"] = self.con.execute("SELECT count(*) FROM errors").fetchone()[0]
        return out

    def _stats(self) -> dict:
        q = self.con.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "by_kind": dict(q("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY kind").fetchall()),
            "mentions": dict(q("SELECT label, count(*) FROM mentions GROUP BY label ORDER BY label").fetchall()),
            "entities": dict(q("SELECT label, count(*) FROM entities GROUP BY label ORDER BY label").fetchall()),
            "themes": dict(q("SELECT taxonomy || ' · ' || theme, count(*) FROM themes GROUP BY taxonomy, theme "
                             "ORDER BY taxonomy, theme").fetchall()),
        }
