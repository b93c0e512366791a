"""Word and Markdown export of a draft: A4 page, question header, sources list without scores, file name."""
from __future__ import annotations

import io

import pytest

from tdi_nlp.web.export import draft_docx, draft_markdown, export_filename

docx = pytest.importorskip("docx")

DRAFT = """**Projet de réponse**

_Brouillon composé à partir de réponses déjà publiées._

**1. Le nombre de territoires d'industrie labellisés à ce jour**

Les Territoires d'industrie passent de 141 à 144 territoires d'industrie. [1]

### Sources

1. Communiqué de presse du 24 septembre 2019 [002_press_release.pdf] — score 0.912
2. Question écrite n° 17519 de M. Sébastien Cazenove [QANR5L15QE17519]
"""
HEADER = {"number": "17519", "author": "M. Sébastien Cazenove", "date": "2019-04-16"}


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_docx_is_a4_with_header_and_sources_list():
    doc = _open(draft_docx(DRAFT, HEADER, question="M. Sébastien Cazenove attire l'attention de Mme la ministre."))
    sec = doc.sections[0]
    assert abs(sec.page_width.cm - 21.0) < 0.05 and abs(sec.page_height.cm - 29.7) < 0.05
    assert sec.left_margin.cm == pytest.approx(2.5, abs=0.05)
    first = doc.paragraphs[0]
    assert first.style.name.startswith("Heading")
    assert first.text == "Question n° 17519 de M. Sébastien Cazenove du 16 avril 2019"
    listed = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in listed] == ["Communiqué de presse du 24 septembre 2019 [002_press_release.pdf]",
                                        "Question écrite n° 17519 de M. Sébastien Cazenove [QANR5L15QE17519]"]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "score" not in body
    assert "141 à 144 territoires" in body and "Sources" in body


def test_markdown_has_the_same_content():
    md = draft_markdown(DRAFT, HEADER, question="M. Sébastien Cazenove attire l'attention.")
    assert md.startswith("# Question n° 17519 de M. Sébastien Cazenove du 16 avril 2019\n")
    assert "1. Communiqué de presse du 24 septembre 2019 [002_press_release.pdf]\n" in md
    assert "score" not in md


def test_file_name_from_number_else_date():
    assert export_filename(HEADER, "docx") == "reponse-question-17519.docx"
    assert export_filename({"date": "2019-04-16"}, "md") == "reponse-question-2019-04-16.md"
    assert export_filename({}, "docx") == "projet-de-reponse.docx"
    assert export_filename({"number": "../../x"}, "docx") == "reponse-question-x.docx"
