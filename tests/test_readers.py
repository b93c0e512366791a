import json

import pytest

from tdi_nlp.extraction import prepare
from tdi_nlp.readers import ReaderError, read_path

SEED_000 = "000_56cbaf23b5cb3c3e.txt"
SEED_001 = "001_fe086644e29b4116.txt"
SEED_002 = "002_3af200a01a20ee1d.txt"


def _doc(path, root=None):
    docs = read_path(path, root).documents
    assert len(docs) == 1
    return prepare(docs[0])[0]


def test_ocr_text_sections(corpus_dir):
    d = _doc(corpus_dir / SEED_000, corpus_dir)
    assert d.id == SEED_000
    assert d.kind == "written_question"
    kinds = [s.kind for s in d.sections]
    assert kinds == ["question", "answer"]
    q, a = d.sections
    assert "M. Paul Christophe interroge" in d.text[q.start:q.end]
    assert "A partir" not in d.text[a.start:a.end] and "À partir des propositions" in d.text[a.start:a.end]


def test_markdown_question_page_metadata(corpus_dir):
    d = _doc(corpus_dir / SEED_001, corpus_dir)
    md = d.metadata
    assert d.format == "markdown" and d.kind == "written_question"
    assert md["number"] == "17519" and md["legislature"] == "15"
    assert md["author"] == "M. Sébastien Cazenove"
    assert md["constituency"].startswith("Pyrénées-Orientales (4e circonscription)")
    assert md["author_group_name"] == "La République en Marche"
    assert md["rubrique"] == "Industrie"
    assert md["ministry_questioned"].startswith("Économie et finances")
    assert (md["question_jo_date"], md["question_jo_page"]) == ("2019-03-05", "2026")
    assert (md["answer_jo_date"], md["answer_jo_page"]) == ("2019-04-16", "3606")
    assert d.date == "2019-04-16"
    sections = {s.kind: d.text[s.start:s.end] for s in d.sections if s.kind in ("question", "answer")}
    assert "**" not in d.text and "](#)" not in d.text
    assert sections["question"].startswith("Texte de la question")
    assert "plus d'un milliard d'euros" in sections["answer"]


def test_press_release_place_and_date(corpus_dir):
    d = _doc(corpus_dir / SEED_002, corpus_dir)
    assert d.kind == "press_release"
    assert d.metadata["place"] == "Paris" and d.date == "2019-09-24"
    assert "<sup>" not in d.text and "2e comité" in d.text


def test_pdf_pages_and_running_lines_dropped(corpus_dir):
    d = _doc(corpus_dir / "002_press_release.pdf", corpus_dir)
    assert d.format == "pdf" and len(d.pages) >= 2
    assert "Communiqué de presse" not in d.text  # running header
    assert "1/3" not in d.text and "2/3" not in d.text  # page numbers
    i = d.text.index("474 projets")
    assert d.page_at(i) == next(p.number for p in d.pages if p.start <= i < p.end) > 1
    assert d.date == "2019-09-24"


def test_pdf_made_here(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    for n in range(1, 4):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, "Rapport annuel - Territoires", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 7, ["Les 124 territoires sont en Bretagne.",
                       "Le comite s'est reuni en mars.", "Les contrats seront signes en juin."][n - 1]
                       + "\nFin du paragraphe " + "abc"[n - 1] + ".")
        pdf.set_y(-15)
        pdf.cell(0, 10, str(n), align="C")
    path = tmp_path / "r.pdf"
    pdf.output(str(path))
    d = _doc(path, tmp_path)
    assert [p.number for p in d.pages] == [1, 2, 3]
    assert "Rapport annuel" not in d.text
    assert d.text.count("Fin du paragraphe") == 3
    assert d.page_at(d.text.index("signes en juin")) == 3


def test_html_with_a_real_parser(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Dossier</title><script>var x = '<p>no</p>';</script></head><body>"
                 "<nav>Menu</nav><h1>Territoires d'industrie</h1><p>Le programme <b>aide</b> 124 territoires.</p>"
                 "<h2>Calendrier</h2><ul><li>Janvier 2019</li><li>Mars 2019</li></ul></body></html>", encoding="utf-8")
    d = _doc(p, tmp_path)
    assert d.kind == "web_page" and d.metadata["title"] == "Dossier"
    assert "var x" not in d.text and "Menu" not in d.text
    assert "Le programme aide 124 territoires." in d.text
    assert [s.title for s in d.sections] == ["Territoires d'industrie", "Calendrier"]


def test_cp1252_text(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Mise en œuvre à Besançon, l'été dernier.".encode("cp1252"))
    assert _doc(p, tmp_path).text == "Mise en œuvre à Besançon, l'été dernier."


def test_jsonl_documents(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [{"id": "a", "text": "Le 2 juillet, le comité s'est tenu.", "date": "2019-07-03", "author": "X"},
             {"id": "b", "text": "Deuxième texte."}]
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{broken\n", encoding="utf-8")
    r = read_path(p, tmp_path)
    assert [d.id for d in r.documents] == ["a", "b"]
    assert r.documents[0].date == "2019-07-03" and r.documents[0].metadata == {"author": "X"}
    assert r.problems and "line 3" in r.problems[0][1]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n ", "empty file"),
    ("bin.txt", bytes(range(256)) * 4, "binary file"),
    ("corrupt.pdf", b"%PDF-1.4\n%garbage\x00\x01 not a pdf at all", "corrupt or truncated PDF"),
    ("fake.pdf", b"hello, I am not a PDF", "corrupt PDF"),
    ("data.xyz", b"some text", "unknown extension"),
    ("bad16.txt", b"\xff\xfe\x41", "undecodable text"),
    ("notan.json", b'{"foo": 1}', "not an Assemblée nationale question"),
])
def test_bad_input_raises_a_clear_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReaderError, match=reason):
        read_path(p, tmp_path)


def test_truncated_pdf(tmp_path, corpus_dir):
    data = (corpus_dir / "002_press_release.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReaderError, match="PDF"):
        read_path(p, tmp_path)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("mot " * 300_000, encoding="utf-8")
    with pytest.raises(ReaderError, match="file too large"):
        read_path(p, tmp_path, max_mb=1)


def test_an_json_question_au_gouvernement(shared_dir):
    path = shared_dir / "data" / "corpora" / "an-qag-l16" / "json" / "QANR5L16QG43.json"
    d = _doc(path)
    md = d.metadata
    assert d.id == "QANR5L16QG43" and d.kind == "government_question" and d.date == "2022-07-20"
    assert (md["number"], md["legislature"], md["type"], md["rubrique"]) == ("43", "16", "QG", "industrie")
    assert md["author_ref"] == "PA793262" and md["author_group"] == "LFI-NUPES"
    assert md["minister_questioned"] == "Industrie" and md["analyse"] == "Souveraineté industrielle"
    sections = {}
    for s in d.sections:
        sections.setdefault(s.kind, []).append(d.text[s.start:s.end])
    question, answer = sections["question"][0], " ".join(sections["answer"])
    assert question.startswith("Quel est l'avenir des fonderies")
    assert "Applaudissements" not in d.text and "La parole est à" not in d.text
    assert "N'importe quoi" not in d.text and "Arrêtez" not in d.text  # interjections dropped
    assert "20 millions d'euros pour quarante entreprises" in answer
    assert md["answered_by"] == "M. Roland Lescure"


def test_every_an_json_file_reads(shared_dir):
    folder = shared_dir / "data" / "corpora" / "an-qag-l16" / "json"
    files = sorted(folder.glob("*.json"))
    assert len(files) >= 500
    for f in files:
        d = read_path(f).documents[0]
        kinds = {s.kind for s in d.sections}
        assert {"question", "answer"} <= kinds, f.name


def test_an_json_interjection_before_the_called_deputy(tmp_path):
    """A deputy who shouts before the one given the floor speaks is neither the author nor the question."""
    html = ("<p align=\"CENTER\"> VARIOLE DU SINGE </p><br><strong>Mme la présidente. </strong>La parole est à "
            "M. Andy Kerbrat.<br><br><strong>M. Julien Dive.</strong> Et la cravate ?<br><br>"
            "<strong>Mme la présidente.</strong> Non, s'il vous plaît.<br><br>"
            "<strong>M. Andy Kerbrat. </strong>Depuis le mois de juin, on ne cesse de vous interpeller sur la "
            "vaccination. Que comptez-vous faire ?<br><br><strong>M. François Braun, </strong><i>ministre de la "
            "santé et de la prévention.</i> Nous avons ouvert des centres de vaccination.")
    data = {"question": {"uid": "QANR5L16QG9999", "type": "QG", "identifiant": {"numero": "9999"},
                         "textesReponse": {"texteReponse": {"texte": html, "infoJO": {"dateJO": "2022-07-27"}}}}}
    p = tmp_path / "qg.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    d = _doc(p, tmp_path)
    question = [d.text[s.start:s.end] for s in d.sections if s.kind == "question"]
    assert d.metadata["author"] == "M. Andy Kerbrat"
    assert "cravate" not in " ".join(question) and "Que comptez-vous faire" in " ".join(question)
