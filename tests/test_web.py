"""The local web page, server side (Flask test client) over a small hand-made knowledge base."""
from __future__ import annotations

import io
import re

import pytest

pytest.importorskip("flask", reason="flask is not installed (web extra)")

from tdi_nlp.kb.writer import KBWriter  # noqa: E402
from tdi_nlp.web import create_app  # noqa: E402
from tdi_nlp.web import analysis  # noqa: E402
from tdi_nlp.web.render import format_value, snippet_html, timeline_svg  # noqa: E402

QUESTION = ("M. Paul Martin interroge le Gouvernement sur les 141 Territoires d'industrie des Hauts-de-France. "
            "<script>alert('q')</script>")
ANSWER = "Le programme compte 144 Territoires d'industrie, dotés de 1,36 milliard d'euros."
TEXT = QUESTION + "\n\n" + ANSWER


def _span(text, part, label, value=None, entity_id=None, section="question", page=None):
    start = text.index(part)
    return {"label": label, "text": part, "start": start, "end": start + len(part), "section": section,
            "page": page, "value": value, "entity_id": entity_id}


def _records():
    qa = {
        "id": "q-17519", "source": "q.json", "format": "an_json", "kind": "written_question", "date": "2019-04-16",
        "metadata": {"title": "Territoires d'industrie <b>gras</b>", "rubrique": "Industrie", "author": "M. Paul Martin"},
        "text": TEXT,
        "sections": [{"kind": "question", "start": 0, "end": len(QUESTION), "title": None},
                     {"kind": "answer", "start": len(QUESTION) + 2, "end": len(TEXT), "title": None}],
        "pages": [],
        "entities": [
            _span(TEXT, "Paul Martin", "PERSON", {"name": "Paul Martin"}, "person:paul-martin"),
            _span(TEXT, "141 Territoires d'industrie", "COUNT", {"count": 141, "unit": "territoire d'industrie"}),
            _span(TEXT, "Hauts-de-France", "TERRITORY", {"name": "Hauts-de-France", "kind": "region", "code": "32"},
                  "region:32"),
            _span(TEXT, "1,36 milliard d'euros", "MONEY", {"amount": 1.36e9, "currency": "EUR"}, section="answer"),
            _span(TEXT, "Territoires d'industrie", "PROGRAMME", {"name": "Territoires d'industrie"},
                  "programme:territoires-d-industrie"),
        ],
        "themes": [{"taxonomy": "tdi", "theme": "financement", "score": 0.8, "evidence": ANSWER,
                    "start": len(QUESTION) + 2, "end": len(TEXT)}],
    }
    page1, page2 = "Communiqué sur les territoires : Hauts-de-France.", "Page deux : 474 projets."
    pdf_text = page1 + "\n" + page2
    pdf = {
        "id": "cp.pdf", "source": "cp.pdf", "format": "pdf", "kind": "press_release", "date": "2019-09-24",
        "metadata": {}, "text": pdf_text, "sections": [],
        "pages": [{"number": 1, "start": 0, "end": len(page1)},
                  {"number": 2, "start": len(page1) + 1, "end": len(pdf_text)}],
        "entities": [_span(pdf_text, "Hauts-de-France", "TERRITORY", {"name": "Hauts-de-France", "code": "32"},
                           "region:32", None, 1),
                     _span(pdf_text, "474 projets", "COUNT", {"count": 474, "unit": "projet"}, None, None, 2)],
        "themes": [],
    }
    return [qa, pdf]


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("web") / "kb.sqlite")
    with KBWriter(path) as w:
        for rec in _records():
            w.replace_source(rec["id"], rec["source"], "0" * 64, 10, [rec])
    return path


def fake_analyzer(text, kb):
    return {"entities": [{"label": "COUNT", "text": "141", "start": 0, "end": 3,
                          "value": {"count": 141, "unit": "territoire d'industrie"}, "entity_id": None}],
            "themes": [{"taxonomy": "tdi", "theme": "financement", "score": 0.7, "evidence": text[:40]}],
            "draft": {"text": "# Projet\n\nLe Gouvernement est **pleinement mobilisé** : 141 territoires.\n\n"
                              "- premier point\n- <img src=x onerror=alert(1)>",
                      "sources": [{"id": "q-17519", "score": 0.91, "author": "M. Paul Martin"}],
                      "stale_figures": [{"text": "141 territoires", "newer_value": 144, "newer_date": "2019-09-24",
                                         "newer_doc_id": "cp.pdf", "date": "2019-04-16",
                                         "doc_id": "q-17519"}]},
            "unavailable": {}}


def post(client, url, data, **kwargs):
    """A POST from the page: with the session's CSRF token, read from a form."""
    page = client.get("/question").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


@pytest.fixture(scope="module")
def client(kb_path):
    app = create_app(kb_path, analyzer=fake_analyzer, max_upload_mb=0.05)
    return app.test_client()


def test_search_highlights_and_filters(client):
    r = client.get("/?q=territoires")
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "2 résultats" in page and "<mark>Territoires</mark>" in page
    r = client.get("/?q=territoires&kind=press_release")
    assert "1 résultat" in r.get_data(as_text=True) and "cp.pdf" in r.get_data(as_text=True)
    r = client.get("/?q=territoires&date_from=2019-05-01")
    assert "q-17519" not in r.get_data(as_text=True)
    r = client.get("/?territory=Hauts-de-France&theme=financement")
    assert "q-17519" in r.get_data(as_text=True) and "cp.pdf" not in r.get_data(as_text=True)
    assert "q-17519" in client.get("/?rubrique=industrie&person=Paul Martin").get_data(as_text=True)
    assert "inconnu" in client.get("/?territory=Atlantide").get_data(as_text=True)


def test_search_bad_input(client):
    r = client.get("/?q=x&date_from=2019-13-45")
    assert r.status_code == 400 and "Date invalide" in r.get_data(as_text=True)
    r = client.get("/?q=" + "a" * 600)
    assert r.status_code == 400 and "trop longue" in r.get_data(as_text=True)
    assert client.get('/?q="*(:)-').status_code == 200  # FTS syntax is never passed through


def test_document_page(client):
    r = client.get("/document/q-17519")
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'class="entity"' in page and "PERSON" in page and "TERRITORY" in page
    assert "/entite/region:32" in page  # linked entity
    assert "1\u202f360\u202f000\u202f000 €" in page  # normalized value
    assert "financement" in page and "Industrie" in page  # theme and metadata
    assert "Question" in page and "Réponse" in page  # sections
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>gras</b>" not in page
    pdf = client.get("/document/cp.pdf").get_data(as_text=True)
    assert "Page 1" in pdf and "Page 2" in pdf and "p. 2" in pdf


def test_unknown_ids_give_404_in_french(client):
    for url in ("/document/nope", "/entite/region:99", "/nulle-part"):
        r = client.get(url)
        assert r.status_code == 404
        assert "introuvable" in r.get_data(as_text=True)
        assert "Traceback" not in r.get_data(as_text=True)
    r = client.get("/document/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404 and "<script>alert(1)" not in r.get_data(as_text=True)


def test_entity_pages(client):
    page = client.get("/entite/region:32").get_data(as_text=True)
    assert "Hauts-de-France" in page and "2 documents" in page
    assert "q-17519" in page and "cp.pdf" in page and "<mark>Hauts-de-France</mark>" in page
    assert "Nombre : 141" in page  # a fact next to the mention
    listing = client.get("/entites?label=TERRITORY").get_data(as_text=True)
    assert "region:32" in listing and "person:paul-martin" not in listing


def test_programme_page_shows_its_figures(client, monkeypatch):
    from tdi_nlp.web import routes
    points = [{"value": 124, "date": "2018-11-22", "doc_id": "q-17519", "text": "124 territoires"},
              {"value": 144, "date": "2019-09-24", "doc_id": "cp.pdf", "text": "144 territoires"}]
    asked = []
    monkeypatch.setattr(routes, "figure_timeline", lambda kb, thing: asked.append(thing) or points)
    page = client.get("/entite/programme:territoires-d-industrie").get_data(as_text=True)
    assert asked == ["Territoires d'industrie"]
    assert 'id="entity-chart"' in page and "<svg" in page and "/document?id=cp.pdf" in page
    assert 'id="entity-chart"' not in client.get("/entite/region:32").get_data(as_text=True)


def test_figures_chart(client, monkeypatch):
    from tdi_nlp.web import routes
    points = [{"value": 124, "date": "2018-11-22", "doc_id": "q-17519", "text": "124 territoires"},
              {"value": 144, "date": "2019-09-24", "doc_id": "cp.pdf", "text": "144 territoires"}]
    monkeypatch.setattr(routes, "figure_timeline", lambda kb, thing: points)
    page = client.get("/chiffres?objet=territoires d'industrie").get_data(as_text=True)
    assert "<svg" in page and "polyline" in page and "/document?id=cp.pdf" in page
    assert "22 novembre 2018" in page

    def broken(kb, thing):
        raise ModuleNotFoundError("No module named 'rapidfuzz'")
    monkeypatch.setattr(routes, "figure_timeline", broken)
    r = client.get("/chiffres?objet=territoires")
    assert r.status_code == 200 and "indisponible" in r.get_data(as_text=True)


def test_question_draft_and_exports(client):
    r = post(client, "/question", {"question": "Combien de territoires d'industrie ?"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<strong>pleinement mobilisé</strong>" in page
    assert "Chiffres à vérifier" in page and "<strong>144</strong> au 24 septembre 2019" in page
    assert page.count("/document?id=cp.pdf") >= 1
    assert "/document?id=q-17519" in page and "financement" in page
    assert "<img src=x" not in page  # raw HTML in the draft is escaped
    md = post(client, "/question/export", {"draft": "# Titre\n\nTexte **gras**.", "format": "md",
                                           "question": "Combien de territoires ?", "header_number": "17519"})
    assert md.status_code == 200 and md.headers["Content-Disposition"].endswith('reponse-question-17519.md"')
    body = md.get_data(as_text=True)
    assert body.startswith("# ") and "17519" in body.splitlines()[0]
    assert "> Combien de territoires ?" in body and "# Titre" in body
    docx = post(client, "/question/export", {"draft": "# Titre\n\n- un\n- deux\n\nTexte **gras**.",
                                             "format": "docx"})
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    assert docx.headers["Content-Disposition"].endswith('projet-de-reponse.docx"')
    from docx import Document
    paragraphs = [p.text for p in Document(io.BytesIO(docx.data)).paragraphs]
    assert paragraphs[-4:] == ["Titre", "un", "deux", "Texte gras."]
    assert post(client, "/question/export", {"draft": " ", "format": "md"}).status_code == 400
    assert post(client, "/question/export", {"draft": "x", "format": "pdf"}).status_code == 400


def test_question_upload_and_bad_input(client):
    r = post(client, "/question", {"fichier": (io.BytesIO("Question sur les régions".encode("cp1252")),
                                                   "q.txt")}, content_type="multipart/form-data")
    assert r.status_code == 200 and "Question sur les régions" in r.get_data(as_text=True)
    r = post(client, "/question", {"question": "   "})
    assert r.status_code == 400 and "La question est vide" in r.get_data(as_text=True)
    r = post(client, "/question", {"fichier": (io.BytesIO(b"x"), "q.exe")}, content_type="multipart/form-data")
    assert r.status_code == 415 and "non pris en charge" in r.get_data(as_text=True)
    big = io.BytesIO(b"a" * 200_000)  # the limit is 0.05 MB here
    r = post(client, "/question", {"fichier": (big, "q.txt")}, content_type="multipart/form-data")
    assert r.status_code == 413 and "trop volumineux" in r.get_data(as_text=True)
    assert client.get("/question/export").status_code == 405


def test_security_headers_and_host_check(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert "http://" not in r.get_data(as_text=True).replace("http://localhost", "")  # nothing loaded from outside
    r = client.get("/", headers={"Host": "evil.example"})
    assert r.status_code == 400


def test_missing_parts_show_unavailable(kb_path, monkeypatch):
    def boom(*args):
        raise ModuleNotFoundError("No module named 'tdi_nlp.drafting'")
    for name in ("entities", "themes", "draft"):
        monkeypatch.setattr(analysis, name, boom)
    app = create_app(kb_path)  # the real analyzer, every part failing
    page = post(app.test_client(), "/question", {"question": "Une question"}).get_data(as_text=True)
    assert "Projet de réponse indisponible" in page and "Thèmes indisponibles" in page
    assert "Entités indisponibles" in page


def test_render_helpers():
    assert format_value("COUNT", {"count": 4, "count_max": 5, "unit": "emploi"}) == "4 à 5 (emploi)"
    assert format_value("MONEY", {"amount": 1e9, "currency": "EUR", "qualifier": ">"}) == "plus de 1\u202f000\u202f000\u202f000 €"
    assert format_value("PERCENT", {"percent": 85.5}) == "85,5 %"
    assert str(snippet_html("a [b] <c>")) == "a <mark>b</mark> &lt;c&gt;"
    assert timeline_svg([{"value": 1, "date": None}], str) is None
    svg = str(timeline_svg([{"value": 3, "date": "2019-01-01", "doc_id": "<x>", "text": "<y>"}], lambda d: "/d/" + d))
    assert "<x>" not in svg and "&lt;y&gt;" in svg


def test_serve_command_rejects_missing_kb(tmp_path, capsys):
    from tdi_nlp.cli import main
    assert main(["serve", "--kb", str(tmp_path / "absent.sqlite")]) == 2
    assert "no knowledge base" in capsys.readouterr().err
