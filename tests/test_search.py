"""KnowledgeBase.search: French analysis, ranked OR queries, phrases, exclusions, filters, pages, the FTS schema."""
from __future__ import annotations

import sqlite3

import pytest

from tdi_nlp.kb import KnowledgeBase
from tdi_nlp.kb import schema, search
from tdi_nlp.kb.writer import KBWriter

DOCS = [
    ("cal", "written_question", "2019-04-16", "Calendrier des contrats",
     "Quel est le calendrier de signature des contrats des Territoires d'industrie ?"),
    ("one", "press_release", "2020-01-10", None, "Un contrat a été signé à Vierzon pour l'économie locale."),
    ("ener", "minutes", "2021-06-01", None, "La transition énergétique et l'énergie des entreprises industrielles."),
    ("sig", "press_release", "2019-09-24", None, "Les signatures se poursuivent : signée hier, la convention."),
    ("stop", "other", None, None, "Le la les de du des et à pour ce qui que."),
] + [(f"fill{i}", "other", f"2018-01-{i + 1:02d}", None, f"Document de remplissage numéro {i} sur le contrat.")
     for i in range(12)]


def _record(doc_id, kind, date, title, text):
    return {"id": doc_id, "source": doc_id, "format": "text", "kind": kind, "date": date,
            "metadata": {"title": title} if title else {}, "text": text, "sections": [], "pages": [],
            "entities": [], "themes": []}


@pytest.fixture()
def kb(tmp_path):
    path = tmp_path / "kb.sqlite"
    with KBWriter(str(path)) as w:
        for d in DOCS:
            w.replace_source(d[0], d[0], "0" * 64, 1, [_record(*d)])
    with KnowledgeBase(path) as k:
        yield k


def ids(hits):
    return [h["id"] for h in hits]


def test_plural_singular_and_accents_find_the_same_documents(kb):
    assert set(ids(kb.search("contrats", limit=50))) == set(ids(kb.search("contrat", limit=50)))
    assert "one" in ids(kb.search("contrats", limit=50))
    assert set(ids(kb.search("énergie"))) == set(ids(kb.search("ENERGIE"))) == {"ener"}
    assert set(ids(kb.search("signee"))) == set(ids(kb.search("signée"))) == {"sig", "one"}  # signée, signé
    assert "cal" in ids(kb.search("industrie"))  # elided "d'industrie"


def test_stop_words_alone_match_nothing(kb):
    assert kb.search_page("le la les de du des") == {"total": 0, "results": []}
    assert "stop" not in ids(kb.search("les contrats", limit=50))


def test_ranked_or_puts_all_words_first(kb):
    hits = kb.search("calendrier signature contrats", limit=50)
    assert hits[0]["id"] == "cal"
    assert {"one", "fill0"} <= set(ids(hits))  # one word is enough to be found
    assert hits[0]["score"] > hits[-1]["score"]


def test_phrases_and_exclusions(kb):
    assert ids(kb.search('"territoires d\'industrie"')) == ["cal"]
    assert ids(kb.search('"industrie territoires"')) == []
    with_ener = set(ids(kb.search("contrat énergie", limit=50)))
    assert "one" in with_ener and "ener" in with_ener
    without = set(ids(kb.search("contrat -vierzon", limit=50)))
    assert "one" not in without and "cal" in without
    assert kb.search("-contrat") == []
    assert ids(kb.search('"*(:)- NEAR AND OR')) == []  # FTS syntax is never passed through: no error


def test_filters_sort_and_pages(kb):
    assert ids(kb.search("contrat", kind="press_release")) == ["one"]
    assert set(ids(kb.search("contrat", date_from="2019-01-01", limit=50))) == {"cal", "one"}
    page = kb.search_page("contrat", limit=5)
    assert page["total"] == 14 and len(page["results"]) == 5
    pages = [kb.search_page("contrat", limit=5, offset=o)["results"] for o in (0, 5, 10)]
    seen = [h["id"] for p in pages for h in p]
    assert len(seen) == len(set(seen)) == 14
    dated = kb.search("contrat", sort="date", limit=3)
    assert ids(dated) == ["one", "cal", "fill11"]
    with pytest.raises(ValueError):
        kb.search("contrat", sort="size")


def test_snippet_marks_the_matched_region():
    text = "Début sans rapport. " * 50 + "Les contrats sont signés à Vierzon. " + "Fin. " * 50
    s = search.snippet(text, search.parse("contrat vierzon").stems())
    assert "[contrats]" in s and "[Vierzon]" in s and s.startswith("…")


def test_documents_fts_is_the_datasette_index_of_documents(kb):
    sql = kb.con.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    assert 'content="documents"' in sql  # what Datasette's detect_fts looks for
    rows = kb.con.execute("SELECT d.id FROM documents d WHERE d.rowid IN "
                          "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'vierzon')").fetchall()
    assert [r[0] for r in rows] == ["one"]


def test_replacing_a_source_reindexes_it(kb, tmp_path):
    with KBWriter(kb.path) as w:
        w.replace_source("one", "one", "1" * 64, 1, [_record("one", "press_release", "2020-01-10", None,
                                                             "Une usine à Bourges.")])
    assert ids(kb.search("vierzon")) == [] and ids(kb.search("usines")) == ["one"]
    n = kb.con.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'vierzon'").fetchone()[0]
    assert n == 0
    kb.con.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


def test_version_1_kb_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(schema.DDL.replace(schema.FTS_DDL, ""))
    con.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO sources VALUES ('s', 's', '0', 1, 1)")
    con.execute("INSERT INTO documents VALUES ('d', 's', 's', '0', 'text', 'other', NULL, 'Contrats', '{}', "
                "'Les contrats signés à Vierzon.', '[]')")
    con.execute("INSERT INTO documents_fts VALUES ('d', 'Contrats', 'Les contrats signés à Vierzon.')")
    con.commit()
    con.close()
    with KnowledgeBase(path) as k:
        assert k.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(schema.SCHEMA_VERSION)
        assert ids(k.search("contrat")) == ["d"]
        assert k.con.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'vierzon'").fetchone()[0] == 1


def test_web_search_counts_pages_and_keeps_the_query_on_a_bad_filter(kb, monkeypatch):
    pytest.importorskip("flask", reason="flask is not installed (web extra)")
    from tdi_nlp.web import create_app, routes
    monkeypatch.setattr(routes, "PAGE_SIZE", 5)
    client = create_app(kb.path).test_client()
    page = client.get("/?q=contrats").get_data(as_text=True)
    assert "14 résultats" in page and 'id="pages"' in page and "page=2" in page
    second = client.get("/?q=contrats&page=2").get_data(as_text=True)
    assert "page 2 sur 3" in second and 'start="6"' in second and 'rel="prev"' in second
    r = client.get("/?q=contrats&date_from=2019-13-45&kind=press_release")
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and "Date invalide" in body
    assert 'value="contrats"' in body and "1 résultat" in body  # query and the other filter kept
    assert "date" in client.get("/?q=contrats&sort=date").get_data(as_text=True)


def test_cli_search(kb, capsys):
    from tdi_nlp.cli import main
    assert main(["search", "contrats vierzon", "--kb", kb.path, "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("14 résultats") and "1. one ·" in out and "[Vierzon]" in out
    assert main(["search", "contrat", "--kb", kb.path, "--kind", "press_release", "--json"]) == 0
    assert '"total": 1' in capsys.readouterr().out
