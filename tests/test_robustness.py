"""No bad file stops a run or loses a document: hostile files beside good ones, ids that cannot collide silently,
entity rows independent of the order documents come in, long texts processed in chunks."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tdi_nlp.config import settings
from tdi_nlp.extraction import run
from tdi_nlp.kb import KnowledgeBase

GOOD = "Le comité s'est réuni à Lille le 5 mars 2019 ; 144 territoires d'industrie sont labellisés.\n"
TABLES = ("sources", "documents", "sections", "pages", "mentions", "entities", "themes", "errors")


def digest(kb_path: Path) -> dict:
    """Every row of every table but the full-text index (its internal rowids depend on write order)."""
    con = sqlite3.connect(kb_path)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def hostile_folder(root: Path) -> tuple[Path, set[str], set[str]]:
    """A folder of good files and hostile ones; (folder, good file names, bad file names)."""
    d = root / "docs"
    (d / "[brouillon]").mkdir(parents=True)
    good, bad = set(), set()

    def put(name: str, data: bytes, ok: bool) -> None:
        (d / name).write_bytes(data)
        (good if ok else bad).add(Path(name).name)

    put("a.txt", GOOD.encode(), True)
    put("[brouillon]/vide.txt", b"", False)
    put("b.md", ("# Titre\n\n" + GOOD).encode(), True)
    put("binary.txt", b"\x00\x01\x02" * 100, False)
    put("utf16-bad.txt", b"\xff\xfe" + b"\x00\xd8" * 3, False)
    put("latin1.txt", GOOD.replace("à", "\xe0").encode("latin-1", errors="replace"), True)
    put("notes.xyz", b"x", False)
    put("trunc.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", False)
    put("broken.json", b'{"question": ', False)
    put("object.json", json.dumps({"question": {"uid": {"x": 1}, "type": "QE"}}).encode(), False)
    put("an.json", json.dumps({"question": {"uid": "QANR5L16QE9", "type": "QE",
                                            "indexationAN": {"analyses": {"analyse": {"odd": "object"}}},
                                            "textesQuestion": {"texteQuestion": {"texte": GOOD}}}}).encode(), True)
    lines = [{"id": "j1", "text": GOOD, "title": {"an": "object"}},
             {"id": "j2\ud800", "text": "Texte avec \ud800 surrogate. " + GOOD},
             {"id": "j3", "text": ""},
             {"id": "j4", "text": GOOD, "date": "n'importe quand"}]
    put("lines.jsonl", "\n".join(json.dumps(x) for x in lines).encode(), True)
    put("big.txt", GOOD.encode() * 40000, False)  # 3.6 MB, over the 1 MB limit of the runs below
    os.symlink(d / "a.txt", d / "link-to-a.txt")  # the same file twice: read once
    (root / "outside.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(root / "outside.txt", d / "link-out.txt")  # leaves the folder: not followed
    os.mkfifo(d / "pipe.txt")
    bad |= {"link-out.txt", "pipe.txt"}
    weird = os.fsencode(d) + b"/caf\xe9.txt"  # a file name that is not valid UTF-8
    with open(weird, "wb") as fh:
        fh.write(GOOD.encode())
    good.add(os.fsdecode(b"caf\xe9.txt").encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return d, good, bad


def test_hostile_files_beside_good_ones(tmp_path, nlp):
    folder, good, bad = hostile_folder(tmp_path)
    kb_path = tmp_path / "kb.sqlite"
    s = run([str(folder), str(folder), str(folder / "a.txt")], str(kb_path), show_progress=False, nlp=nlp,
            max_mb=1)
    with KnowledgeBase(kb_path) as kb:
        stored = {Path(r[0]).name for r in
                  kb.con.execute("SELECT key FROM sources").fetchall()}
        errors = {Path(e["source_key"].split(":")[0]).name: e["reason"] for e in kb.errors()}
        ids = {r[0] for r in kb.con.execute("SELECT id FROM documents")}
        errors_all = kb.errors()
    assert {"a.txt", "b.md", "latin1.txt", "an.json", "lines.jsonl"} <= stored
    assert any(n.startswith("caf") for n in stored)
    assert bad <= set(errors), bad - set(errors)
    assert "j1" in ids and "j2\ufffd" in ids and "QANR5L16QE9" in ids
    line_reasons = [e["reason"] for e in errors_all if e["source_key"].rsplit(":", 1)[0].endswith("lines.jsonl")]
    assert any("empty text" in r for r in line_reasons) and any("ISO date" in r for r in line_reasons)
    assert s.failed == len(bad) and s.problems >= 2, s.errors
    before = digest(kb_path)
    s2 = run([str(folder)], str(kb_path), show_progress=False, nlp=nlp, max_mb=1)
    assert s2.processed == 0 and digest(kb_path) == before  # a re-run changes nothing


def test_same_name_in_two_folders_is_a_collision_not_an_overwrite(tmp_path, nlp):
    for year in ("2019", "2020"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "note.txt").write_text(f"Note de {year}. " + GOOD, encoding="utf-8")
    kb_path = tmp_path / "kb.sqlite"
    run([str(tmp_path / "2019")], str(kb_path), show_progress=False, nlp=nlp)
    s = run([str(tmp_path / "2020")], str(kb_path), show_progress=False, nlp=nlp)
    assert s.failed == 1 and "common parent" in s.errors[0][1]
    with KnowledgeBase(kb_path) as kb:
        assert "Note de 2019" in kb.document("note.txt")["text"]
    # the common parent keeps both, and replaces (never duplicates) what the first run stored
    s = run([str(tmp_path)], str(kb_path), show_progress=False, nlp=nlp)
    with KnowledgeBase(kb_path) as kb:
        ids = sorted(r[0] for r in kb.con.execute("SELECT id FROM documents"))
    assert ids == ["2019/note.txt", "2020/note.txt"]


def test_entity_rows_do_not_depend_on_order(tmp_path, nlp):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
    (a / "x.txt").write_text("Mme Agnès Pannier-Runacher, secrétaire d'État, était à Lille.", encoding="utf-8")
    (b / "y.txt").write_text("La secrétaire d'État Agnès Pannier-Runacher a visité les Hauts-de-France et Lille.",
                             encoding="utf-8")
    kb1, kb2 = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    for kb_path, order in ((kb1, (a, b)), (kb2, (b, a))):
        for d in order:
            run([str(d)], str(kb_path), show_progress=False, nlp=nlp)
    assert digest(kb1)["entities"] == digest(kb2)["entities"]


def test_long_text_processed_in_chunks_with_offsets_kept(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(settings, "chunk_chars", 2000)
    para = "Le 5 mars 2019, 144 territoires d'industrie étaient labellisés à Lille.\n\n"
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "long.txt").write_text(para * 200, encoding="utf-8")  # about 15 000 characters
    kb_path = tmp_path / "kb.sqlite"
    s = run([str(tmp_path / "d")], str(kb_path), show_progress=False, nlp=nlp)
    assert s.failed == 0
    with KnowledgeBase(kb_path) as kb:
        text = kb.document("long.txt")["text"]
        mentions = kb.mentions(doc_id="long.txt")
    dates = [m for m in mentions if m["label"] == "DATE"]
    assert len(dates) == 200
    assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)


def test_prune_removes_documents_of_deleted_files(tmp_path, nlp):
    d = tmp_path / "d"
    d.mkdir()
    (d / "keep.txt").write_text(GOOD, encoding="utf-8")
    (d / "gone.txt").write_text(GOOD, encoding="utf-8")
    kb_path = tmp_path / "kb.sqlite"
    run([str(d)], str(kb_path), show_progress=False, nlp=nlp)
    (d / "gone.txt").unlink()
    s = run([str(d)], str(kb_path), show_progress=False, nlp=nlp, prune=True)
    assert s.pruned == 1
    with KnowledgeBase(kb_path) as kb:
        assert kb.document("gone.txt") is None and kb.document("keep.txt") is not None


def test_stored_path_does_not_depend_on_the_current_folder(tmp_path, nlp, monkeypatch):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run(["corpus"], str(tmp_path / "1.sqlite"), show_progress=False, nlp=nlp)
    monkeypatch.chdir("/")
    run([str(d)], str(tmp_path / "2.sqlite"), show_progress=False, nlp=nlp)
    for name in ("1.sqlite", "2.sqlite"):
        with KnowledgeBase(tmp_path / name) as kb:
            assert kb.document("a.txt")["path"] == "corpus/a.txt"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: an unreadable folder cannot be made")
def test_unreadable_subfolder_is_an_error(tmp_path, nlp):
    d = tmp_path / "d"
    (d / "locked").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "locked" / "b.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(d / "locked", 0o000)
    try:
        s = run([str(d)], str(tmp_path / "kb.sqlite"), show_progress=False, nlp=nlp)
    finally:
        os.chmod(d / "locked", 0o755)
    assert s.processed == 1 and s.problems == 1
