"""Word, OpenDocument, RTF, e-mail and zip archives of AN JSON: read into Documents, bad files rejected clearly."""
from __future__ import annotations

import json
import zipfile
from email.message import EmailMessage

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.text import H, P

from tdi_nlp.readers import ReaderError, read_path

QUESTION = ("M. Jean Dupont attire l'attention de M. le ministre de l'économie sur le programme Territoires "
            "d'industrie. Il souhaite connaître le calendrier de signature des contrats.")


def an_json(uid: str) -> dict:
    return {"question": {"uid": uid, "type": "QE", "identifiant": {"numero": "1", "legislature": "16"},
                         "textesQuestion": {"texteQuestion": {"texte": QUESTION,
                                                              "infoJO": {"dateJO": "2023-01-10"}}}}}


def test_docx_paragraphs_tables_and_headings(tmp_path):
    d = docx.Document()
    d.add_heading("Question écrite", level=1)
    d.add_paragraph(QUESTION)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Territoires", "144"
    d.core_properties.title = "QE 1"
    path = tmp_path / "q.docx"
    d.save(path)
    doc = read_path(path, tmp_path).documents[0]
    assert doc.format == "docx" and doc.id == "q.docx"
    assert "calendrier de signature" in doc.text and "Territoires | 144" in doc.text
    assert doc.metadata["title"] == "QE 1"
    assert doc.sections[0].title == "Question écrite"
    assert doc.text[doc.sections[0].start:doc.sections[0].end].startswith("Question écrite")


def test_odt_headings_and_paragraphs(tmp_path):
    odt = OpenDocumentText()
    odt.text.addElement(H(outlinelevel=1, text="Réponse"))
    odt.text.addElement(P(text="Le Gouvernement a labellisé 144 territoires."))
    path = tmp_path / "r.odt"
    odt.save(str(path))
    doc = read_path(path, tmp_path).documents[0]
    assert doc.format == "odt"
    assert doc.text == "Réponse\n\nLe Gouvernement a labellisé 144 territoires."
    assert doc.sections[0].title == "Réponse"


def test_rtf_with_accents(tmp_path):
    path = tmp_path / "n.rtf"
    path.write_bytes(rb"{\rtf1\ansi\ansicpg1252 {\b Note}\par Le d\'e9put\'e9 demande le montant.\par}")
    doc = read_path(path, tmp_path).documents[0]
    assert doc.format == "rtf"
    assert "Le député demande le montant." in doc.text


def test_eml_headers_body_and_text_attachment(tmp_path):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "cab@example.fr", "bureau@example.fr", "Contrats de territoire"
    msg["Date"] = "Tue, 24 Sep 2019 10:00:00 +0200"
    msg.set_content("Bonjour,\n144 territoires sont labellisés.")
    msg.add_attachment("231 projets engagés.".encode("utf-8"), maintype="text", subtype="plain",
                       filename="annexe.txt")
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="scan.pdf")
    path = tmp_path / "m.eml"
    path.write_bytes(bytes(msg))
    doc = read_path(path, tmp_path).documents[0]
    assert doc.format == "eml" and doc.date == "2019-09-24"
    assert doc.metadata["title"] == "Contrats de territoire" and doc.metadata["from"] == "cab@example.fr"
    assert "144 territoires" in doc.text and "231 projets" in doc.text
    assert [s.title for s in doc.sections] == ["Message", "Pièce jointe : annexe.txt"]
    assert doc.metadata["attachments_not_read"] == ["scan.pdf"]


def test_zip_of_an_json_read_directly(tmp_path):
    path = tmp_path / "an.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("json/QANR5L16QE1.json", json.dumps(an_json("QANR5L16QE1")))
        z.writestr("json/QANR5L16QE2.json", json.dumps(an_json("QANR5L16QE2")))
        z.writestr("json/broken.json", "{not json")
        z.writestr("LISEZMOI.txt", "notes")
    result = read_path(path, tmp_path)
    assert sorted(d.id for d in result.documents) == ["QANR5L16QE1", "QANR5L16QE2"]
    assert all(d.kind == "written_question" for d in result.documents)
    reasons = dict(result.problems)
    assert "invalid JSON" in reasons["an.zip/json/broken.json"]
    assert "only .json members" in reasons["an.zip/LISEZMOI.txt"]


def test_zip_of_real_an_files(tmp_path, shared_dir):
    folder = shared_dir / "data" / "corpora" / "an-qag-l16" / "json"
    if not folder.is_dir():
        pytest.skip("../shared/data/corpora/an-qag-l16 is absent")
    files = sorted(folder.glob("*.json"))[:5]
    path = tmp_path / "an.zip"
    with zipfile.ZipFile(path, "w") as z:
        for f in files:
            z.write(f, f.name)
    docs = read_path(path, tmp_path).documents
    assert len(docs) == 5 and all(d.id.startswith("QANR5L16QG") for d in docs)
    assert all(any(s.kind == "question" for s in d.sections) for d in docs)


@pytest.mark.parametrize("name,data,reason", [
    ("bad.docx", b"PK\x03\x04 not really a zip", "corrupt Word file"),
    ("bad.odt", b"garbage", "corrupt OpenDocument file"),
    ("bad.rtf", b"hello, no rtf header", "not an RTF file"),
    ("bad.zip", b"PK\x05\x06" + b"\x00" * 5, "corrupt zip archive"),
    ("bad.eml", b"just a line of text\n", "not an e-mail"),
])
def test_bad_files_raise_a_clear_reader_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReaderError, match=reason):
        read_path(path, tmp_path)


def test_empty_word_document_is_an_error(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    with pytest.raises(ReaderError, match="empty Word document"):
        read_path(path, tmp_path)


def test_csv_rows_with_field_mapping(tmp_path):
    from tdi_nlp.readers import FieldMap
    path = tmp_path / "q.csv"
    path.write_text("ref;corps;jour\nA1;Le comité s'est tenu le 2 juillet.;2019-07-03T09:30:00\n"
                    "A2;;2019-07-04\nA3;Texte;hier\n", encoding="utf-8")
    result = read_path(path, tmp_path, fields=FieldMap(text="corps", id="ref", date="jour"))
    assert [(d.id, d.date, d.format) for d in result.documents] == [("A1", "2019-07-03", "csv")]
    reasons = dict(result.problems)
    assert "empty text" in reasons["q.csv:3"] and "not an ISO date" in reasons["q.csv:4"]


def test_csv_without_the_text_column_names_the_option(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="--text-field"):
        read_path(path, tmp_path)


def test_jsonl_field_mapping_and_bad_values(tmp_path):
    from tdi_nlp.readers import FieldMap
    lines = [{"uid": "x1", "body": "Un texte.", "published": "2020-05-01T12:00:00Z"},
             {"uid": {"nested": 1}, "body": "Un texte."},
             {"uid": "x3", "body": "   "},
             {"uid": "x4", "body": "Un texte.", "published": "le 3 mai"},
             {"uid": "x5", "body": ["liste"]}]
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = read_path(path, tmp_path, fields=FieldMap(text="body", id="uid", date="published"))
    assert [(d.id, d.date) for d in result.documents] == [("x1", "2020-05-01")]
    assert len(result.problems) == 4
    assert "empty text" in dict(result.problems)["d.jsonl:3"]


def test_size_limit_checked_before_reading_and_fifo_refused(tmp_path):
    import os
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(ReaderError, match="file too large"):
        read_path(big, tmp_path, max_mb=1)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReaderError, match="not a regular file"):
        read_path(fifo, tmp_path)
