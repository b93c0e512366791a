"""The same text in two files (a press release as .txt and .md) is stored once with both sources (issue 14)."""
import sqlite3

import pytest

from tdi_nlp.extraction import run
from tdi_nlp.kb import KnowledgeBase

BODY = ("Communiqué de presse\n\nLa ministre annonce la deuxième phase du programme dans 183 territoires. Une "
        "enveloppe de 100 millions d'euros accompagnera les projets industriels des communes concernées.\n\n"
        "Les préfets réuniront les comités de pilotage avant la fin du mois de mars.")


@pytest.fixture(scope="module")
def stock():
    from tdi_nlp.pipeline import build
    return build([])


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "presse"
    d.mkdir()
    (d / "communique.txt").write_text(BODY, encoding="utf-8")
    (d / "communique.md").write_text(BODY, encoding="utf-8")
    (d / "autre.txt").write_text(BODY.replace("183", "124"), encoding="utf-8")
    return d


def rows(kb_path, sql):
    con = sqlite3.connect(kb_path)
    try:
        return sorted(map(tuple, con.execute(sql)))
    finally:
        con.close()


def stored(kb_path):
    with KnowledgeBase(kb_path) as kb:
        return sorted(d["id"] for d in kb.documents())


def test_same_text_stored_once_with_both_sources(folder, tmp_path, stock):
    kb_path = str(tmp_path / "kb.sqlite")
    s = run([str(folder)], kb_path, show_progress=False, nlp=stock)
    assert s.failed == 0
    assert stored(kb_path) == ["autre.txt", "communique.md"]
    assert rows(kb_path, "SELECT doc_id, path, own_id FROM document_sources") == [
        ("communique.md", "presse/communique.txt", "communique.txt")]
    s = run([str(folder)], kb_path, show_progress=False, nlp=stock)
    assert s.unchanged == 3 and stored(kb_path) == ["autre.txt", "communique.md"]


def test_prune_keeps_the_document_with_the_remaining_source(folder, tmp_path, stock):
    kb_path = str(tmp_path / "kb.sqlite")
    run([str(folder)], kb_path, show_progress=False, nlp=stock)
    (folder / "communique.md").unlink()
    s = run([str(folder)], kb_path, show_progress=False, nlp=stock, prune=True)
    assert s.pruned == 1
    assert stored(kb_path) == ["autre.txt", "communique.md"]
    assert rows(kb_path, "SELECT id, path FROM documents WHERE id = 'communique.md'") == [
        ("communique.md", "presse/communique.txt")]
    assert rows(kb_path, "SELECT * FROM document_sources") == []
    with KnowledgeBase(kb_path) as kb:
        assert "communique.md" in [h["id"] for h in kb.search("comités de pilotage préfets")]
    (folder / "communique.txt").unlink()
    s = run([str(folder)], kb_path, show_progress=False, nlp=stock, prune=True)
    assert s.pruned == 1 and stored(kb_path) == ["autre.txt"]


def test_changed_copy_is_stored_on_its_own(folder, tmp_path, stock):
    kb_path = str(tmp_path / "kb.sqlite")
    run([str(folder)], kb_path, show_progress=False, nlp=stock)
    (folder / "communique.txt").write_text(BODY + "\n\nUn ajout sur Vierzon.", encoding="utf-8")
    run([str(folder)], kb_path, show_progress=False, nlp=stock)
    assert stored(kb_path) == ["autre.txt", "communique.md", "communique.txt"]
    assert rows(kb_path, "SELECT * FROM document_sources") == []


def test_changed_holder_moves_the_document_to_its_copy(folder, tmp_path, stock):
    kb_path = str(tmp_path / "kb.sqlite")
    run([str(folder)], kb_path, show_progress=False, nlp=stock)
    (folder / "communique.md").write_text(BODY + "\n\nUn ajout sur Vierzon.", encoding="utf-8")
    s = run([str(folder)], kb_path, show_progress=False, nlp=stock)
    assert s.failed == 0, s.errors
    run([str(folder)], kb_path, show_progress=False, nlp=stock)   # the copy re-extracted when needed
    with KnowledgeBase(kb_path) as kb:
        texts = {d["id"]: kb.document(d["id"])["text"] for d in kb.documents()}
    assert sorted(t.endswith("Vierzon.") for t in texts.values()) == [False, False, True]
    assert BODY in texts.values()
