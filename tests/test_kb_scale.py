"""The KB's summary of entity documents, its revision and the v2 -> v3 migration (issue 16)."""
from __future__ import annotations

import sqlite3

from tdi_nlp.kb import KnowledgeBase, schema
from tdi_nlp.kb.writer import KBWriter


def _record(doc_id, date, entities):
    return {"id": doc_id, "source": doc_id, "format": "text", "kind": "press_release", "date": date,
            "metadata": {}, "text": "Le programme à Vierzon et à Bourges.", "sections": [], "pages": [],
            "entities": [{"label": "TERRITORY", "text": t, "start": 0, "end": 1, "section": None, "page": None,
                          "value": {"name": t}, "entity_id": e} for e, t in entities], "themes": []}


def _write(path):
    with KBWriter(str(path)) as w:
        w.replace_source("a", "a", "0" * 64, 1, [_record("a", "2020-01-01", [("commune:18279", "Vierzon")] * 2)])
        w.replace_source("b", "b", "1" * 64, 1, [_record("b", "2021-01-01", [("commune:18279", "Vierzon"),
                                                                             ("commune:18033", "Bourges")])])
        w.replace_source("c", "c", "2" * 64, 1, [_record("c", None, [("commune:18033", "Bourges")])])


def test_entity_documents_follow_the_mentions(tmp_path):
    path = tmp_path / "kb.sqlite"
    _write(path)
    with KnowledgeBase(path) as kb:
        assert [d["id"] for d in kb.documents(entity="commune:18279", newest_first=True)] == ["b", "a"]
        assert [d["id"] for d in kb.documents(entity="Bourges")] == ["c", "b"]  # undated first, as d.date does
        assert [d["id"] for d in kb.documents(entity="commune:18279", limit=1, offset=1, newest_first=True)] == ["a"]
        assert kb.count_documents(entity="commune:18279") == 2
        assert kb.count_documents(entity="commune:18279", kind="press_release") == 2
        rows = {e["id"]: (e["mentions"], e["documents"]) for e in kb.entities()}
        assert rows == {"commune:18279": (3, 2), "commune:18033": (2, 2)}
        assert sorted(kb.documents_naming(["commune:18033"])) == ["b", "c"]
        state = kb.state()
    with KBWriter(str(path)) as w:  # a changed source replaces its summary rows; a pruned one removes them
        w.replace_source("b", "b", "3" * 64, 1, [_record("b", "2022-01-01", [("commune:18033", "Bourges")])])
    with KnowledgeBase(path) as kb:
        assert kb.state() != state
        assert kb.count_documents(entity="commune:18279") == 1
        assert kb.con.execute("SELECT date FROM entity_documents WHERE doc_id = 'b'").fetchone()[0] == "2022-01-01"
        state = kb.state()
    with KBWriter(str(path)) as w:
        assert w.prune([str(tmp_path)]) == 0  # keys "a", "b", "c" are not under the folder: nothing gone
    with KnowledgeBase(path) as kb:
        assert kb.state() == state
    with KBWriter(str(path)) as w:  # a source removed (as prune does): its rows cascade away
        w.con.execute("DELETE FROM sources WHERE key = 'a'")
        w.con.commit()
    with KnowledgeBase(path) as kb:
        assert kb.count_documents(entity="commune:18279") == 0


def test_document_hashes_come_from_the_covering_index(tmp_path):
    path = tmp_path / "kb.sqlite"
    _write(path)
    with KnowledgeBase(path) as kb:
        assert kb.document_hashes() == {"a": "0" * 64, "b": "1" * 64, "c": "2" * 64}
        plan = " ".join(r[3] for r in kb.con.execute("EXPLAIN QUERY PLAN SELECT id, sha256 FROM documents "
                                                     "INDEXED BY documents_hash"))
        assert "COVERING INDEX documents_hash" in plan


def test_version_2_kb_is_migrated(tmp_path):
    path = tmp_path / "kb.sqlite"
    _write(path)
    con = sqlite3.connect(path)  # back to what a version 2 KB holds
    con.execute("DROP TABLE entity_documents")
    con.execute("DROP INDEX documents_hash")
    con.execute("DELETE FROM meta WHERE key = 'revision'")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with KnowledgeBase(path) as kb:
        assert kb.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == \
            str(schema.SCHEMA_VERSION)
        assert sorted(map(tuple, kb.con.execute("SELECT * FROM entity_documents"))) == [
            ("a", "commune:18279", "2020-01-01", 2), ("b", "commune:18033", "2021-01-01", 1),
            ("b", "commune:18279", "2021-01-01", 1), ("c", "commune:18033", None, 1)]
        assert kb.state()[1] == 0


def test_fts_indexes_merge_less_often(tmp_path):
    path = tmp_path / "kb.sqlite"
    _write(path)
    with KnowledgeBase(path) as kb:
        for table in ("documents_fts", "search_index"):
            row = kb.con.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
            assert row[0] == schema.FTS_AUTOMERGE


def test_top_k_ranking_keeps_the_full_order_with_ties(tmp_path, monkeypatch):
    from tdi_nlp.kb import search
    path = tmp_path / "kb.sqlite"
    texts = ["Le contrat de territoire est signé."] * 12 + ["Un contrat.", "Les contrats signés et le contrat."]
    with KBWriter(str(path)) as w:
        for i, text in enumerate(texts):
            rec = _record(f"d{(i * 5) % len(texts):02d}", None, [])
            rec["text"] = text
            w.replace_source(rec["id"], rec["id"], "0" * 64, 1, [rec])
    with KnowledgeBase(path) as kb:
        expr = search.parse("contrat signé").match()
        full = [r[0] for r in kb.con.execute(
            "SELECT d.id FROM search_index s JOIN documents d ON d.rowid = s.rowid WHERE search_index MATCH ? "
            "ORDER BY bm25(search_index, ?, 1.0), d.id", [expr, search.TITLE_WEIGHT])]
        for margin in (1000, 2, 0):  # the tie of the last score fetched whole, or the tie running past the margin
            monkeypatch.setattr(search, "TIE_MARGIN", margin)
            for limit, offset in ((3, 0), (5, 2), (20, 0), (4, 12)):
                page = kb.search_page("contrat signé", limit=limit, offset=offset)
                assert [h["id"] for h in page["results"]] == full[offset:offset + limit]
                assert page["total"] == len(texts)
