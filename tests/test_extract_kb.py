"""The main job end to end: folder -> KB, idempotence, bad input, exit codes, JSON Lines contract."""
import io
import json
from pathlib import Path
import shutil
import sqlite3

import pytest

from tdi_nlp.cli import main
from tdi_nlp.extraction import run
from tdi_nlp.normalize import map_from_anchors, normalize
from tdi_nlp.readers import read_path
from tdi_nlp.kb import KnowledgeBase


@pytest.fixture(scope="module")
def stock():
    from tdi_nlp.pipeline import build
    return build([])


@pytest.fixture
def folder(tmp_path, corpus_dir):
    d = tmp_path / "docs"
    d.mkdir()
    for name in ("000_56cbaf23b5cb3c3e.txt", "001_fe086644e29b4116.txt", "002_press_release.pdf"):
        shutil.copy(corpus_dir / name, d / name)
    return d


def dump(path) -> str:
    """The whole KB as SQL."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def content(path) -> dict:
    """Every row of the KB's own tables (the full-text index rowids left out)."""
    con = sqlite3.connect(path)
    try:
        tables = ("sources", "documents", "sections", "pages", "mentions", "entities", "themes", "errors")
        out = {t: sorted(map(tuple, con.execute(f"SELECT * FROM {t}"))) for t in tables}
        out["fts"] = sorted(con.execute("SELECT id, title, text FROM documents_fts"))
        return out
    finally:
        con.close()


def test_folder_to_kb_with_provenance(folder, tmp_path, stock):
    kb_path = tmp_path / "kb.sqlite"
    s = run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    assert (s.processed, s.failed, s.documents) == (3, 0, 3)
    with KnowledgeBase(kb_path) as kb:
        ids = {d["id"] for d in kb.documents()}
        assert ids == {"000_56cbaf23b5cb3c3e.txt", "001_fe086644e29b4116.txt", "002_press_release.pdf"}
        d = kb.document("002_press_release.pdf")
        assert d["kind"] == "press_release" and len(d["pages"]) >= 2 and d["sha256"]
        assert d["offset_map"]
        hits = kb.search("Pyrénées Orientales")
        assert hits and hits[0]["id"] == "001_fe086644e29b4116.txt"
        assert kb.search("pyrenees orientales")  # accents and case ignored
        assert any(d["metadata"].get("number") == "17519" for d in kb.documents(kind="written_question"))
        rec = kb.record("001_fe086644e29b4116.txt")
        assert {s["kind"] for s in rec["sections"]} >= {"question", "answer"}


def test_rerun_is_idempotent_and_force_reextracts(folder, tmp_path, stock):
    kb_path = tmp_path / "kb.sqlite"
    run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    first, before = dump(kb_path), content(kb_path)
    s = run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    assert (s.unchanged, s.processed) == (3, 0)
    assert dump(kb_path) == first
    s = run([str(folder)], str(kb_path), force=True, show_progress=False, nlp=stock)
    assert s.processed == 3
    assert content(kb_path) == before


def test_changed_file_replaces_its_rows(folder, tmp_path, stock):
    kb_path = tmp_path / "kb.sqlite"
    run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    p = folder / "000_56cbaf23b5cb3c3e.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\nUne phrase ajoutée sur Vierzon.\n", encoding="utf-8")
    s = run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    assert (s.processed, s.unchanged) == (1, 2)
    with KnowledgeBase(kb_path) as kb:
        assert [h["id"] for h in kb.search("Vierzon")] == ["000_56cbaf23b5cb3c3e.txt"]
        assert len(kb.documents()) == 3


def test_bad_files_are_recorded_and_the_rest_goes_on(folder, tmp_path, stock, capsys):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (folder / "notes.xyz").write_text("x", encoding="utf-8")
    kb_path = tmp_path / "kb.sqlite"
    s = run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    assert (s.processed, s.failed) == (3, 4)
    with KnowledgeBase(kb_path) as kb:
        errors = {Path(e["source_key"]).name: e["reason"] for e in kb.errors()}
        assert errors["empty.txt"] == "empty file"
        assert errors["binary.txt"].startswith("binary file")
        assert errors["broken.pdf"].startswith("corrupt")
        assert errors["notes.xyz"].startswith("unknown extension")
        assert len(kb.documents()) == 3
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err


def test_corrupted_later_keeps_what_was_stored(folder, tmp_path, stock):
    kb_path = tmp_path / "kb.sqlite"
    run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    (folder / "002_press_release.pdf").write_bytes(b"%PDF-1.4 truncated")
    s = run([str(folder)], str(kb_path), show_progress=False, nlp=stock)
    assert s.failed == 1
    with KnowledgeBase(kb_path) as kb:
        assert kb.document("002_press_release.pdf") is not None
        assert Path(kb.errors()[0]["source_key"]).name == "002_press_release.pdf"


def test_jsonl_contract(folder, tmp_path, stock):
    out = io.StringIO()
    run([str(folder)], str(tmp_path / "kb.sqlite"), jsonl=out, show_progress=False, nlp=stock)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        for rec in records:
            assert {"id", "source", "kind", "metadata", "text", "sections", "entities", "themes"} <= rec.keys()
            stored = kb.record(rec["id"])  # the JSON Lines output is what the KB holds
            assert {k: v for k, v in stored.items() if k != "offset_map"} == rec
            # every offset traces back, through the normalizer's map, to the file as the reader gave it
            raw = read_path(folder / Path(rec["source"]).name, folder).documents[0].text
            mapping = map_from_anchors(kb.document(rec["id"])["offset_map"], len(rec["text"]))
            for e in rec["entities"]:
                a, b = mapping[e["start"]], mapping[e["end"]]
                assert normalize(raw[a:b]).text.split() == e["text"].split(), (rec["id"], e)


def test_jsonl_input_ids_and_dates(tmp_path, stock):
    src = tmp_path / "in"
    src.mkdir()
    (src / "docs.jsonl").write_text(json.dumps({"id": "ext-1", "text": "Le comité s'est tenu le 2 juillet.",
                                                "date": "2019-07-03"}) + "\n", encoding="utf-8")
    run([str(src)], str(tmp_path / "kb.sqlite"), show_progress=False, nlp=stock)
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        assert kb.document("ext-1")["date"] == "2019-07-03"


def test_cli_exit_codes(folder, tmp_path, capsys):
    kb = str(tmp_path / "kb.sqlite")
    assert main(["extract", str(folder), "--kb", kb, "--quiet"]) == 0
    (folder / "empty.md").write_bytes(b"")
    assert main(["extract", str(folder), "--kb", kb, "--quiet"]) == 1
    assert main(["extract", str(tmp_path / "missing"), "--kb", kb]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--kb"])
    assert exc.value.code == 2
    assert main(["stats", "--kb", kb]) == 0
    assert main(["show", "001_fe086644e29b4116.txt", "--kb", kb]) == 0
    assert main(["show", "nope", "--kb", kb]) == 2
    assert "Pyrénées" in capsys.readouterr().out


def test_two_workers(folder, tmp_path):
    s = run([str(folder)], str(tmp_path / "kb.sqlite"), workers=2, show_progress=False)
    assert (s.processed, s.failed) == (3, 0)


def test_a_failing_component_fails_one_document_only(folder, tmp_path):
    from spacy.language import Language
    from tdi_nlp.pipeline import build

    @Language.component("explode_on_pdf")
    def explode(doc):
        if doc._.doc_id.endswith(".pdf"):
            raise ValueError("boom")
        return doc

    nlp = build([])
    nlp.add_pipe("explode_on_pdf")
    s = run([str(folder)], str(tmp_path / "kb.sqlite"), show_progress=False, nlp=nlp)
    assert (s.processed, s.failed) == (2, 1)
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        err = kb.errors()[0]
        assert Path(err["source_key"]).name == "002_press_release.pdf" and "explode_on_pdf" in err["reason"]


def test_api_extract_stays_callable_and_takes_long_texts(stock):
    import tdi_nlp
    import tdi_nlp.extraction  # noqa: F401  (importing the module must not shadow the function)
    long_text = "Le programme Territoires d'industrie compte 124 territoires. " * 20   # > 255 bytes, no newline
    for _ in range(2):
        recs = tdi_nlp.extract(long_text, date="2019-01-01", nlp=stock)
        assert len(recs) == 1 and recs[0]["text"].startswith("Le programme") and recs[0]["date"] == "2019-01-01"


def test_run_leaves_no_error_handler_on_a_shared_pipeline(folder, tmp_path):
    """Issue 11: run() used to leave its per-file handler on the (cached) pipeline, so a later extract() with a
    failing component returned no record and no error."""
    from spacy.language import Language
    from tdi_nlp.extraction import extract
    from tdi_nlp.pipeline import build

    calls = {"n": 0}

    @Language.component("explode_after_first_run")
    def explode(doc):
        if calls["n"]:
            raise ValueError("boom later")
        return doc

    nlp = build([])
    nlp.add_pipe("explode_after_first_run")
    default = nlp.default_error_handler
    s = run([str(folder)], str(tmp_path / "kb.sqlite"), show_progress=False, nlp=nlp)
    assert (s.processed, s.failed) == (3, 0)
    assert nlp.default_error_handler is default
    calls["n"] = 1
    with pytest.raises(ValueError, match="boom later"):
        extract("Le programme compte 124 territoires.", nlp=nlp)
    # and a second run on the same pipeline still stores an error row per failing file
    folder2 = tmp_path / "again"
    shutil.copytree(folder, folder2)
    s = run([str(folder2)], str(tmp_path / "kb2.sqlite"), show_progress=False, nlp=nlp)
    assert (s.processed, s.failed) == (0, 3)
    with KnowledgeBase(tmp_path / "kb2.sqlite") as kb:
        assert all("explode_after_first_run" in e["reason"] for e in kb.errors())
