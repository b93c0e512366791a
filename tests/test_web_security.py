"""The shared web page: KB text shown as text, CSRF, authentication, `serve`, read-only KB, odd ids, bounded work."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="flask is not installed (web extra)")

from werkzeug.security import check_password_hash  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tdi_nlp.kb import KnowledgeBase  # noqa: E402
from tdi_nlp.kb.writer import KBWriter  # noqa: E402
from tdi_nlp.web import analysis, create_app  # noqa: E402
from tdi_nlp.web import cli as web_cli  # noqa: E402
from tdi_nlp.web.auth import add_user, read_users  # noqa: E402
from tdi_nlp.web.common import query_terms  # noqa: E402

EVIL = ("Le programme est décrit [ici](http://evil.example/x) avec ![logo](http://evil.example/i.png) "
        "<script>alert(1)</script> et 144 territoires.")
IDS = ("a/../b.txt", "x/y.txt")
ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token-for-the-team"


def _record(doc_id: str) -> dict:
    return {"id": doc_id, "source": doc_id, "format": "text", "kind": "written_question", "date": "2019-04-16",
            "metadata": {"title": f"Doc {doc_id}"}, "text": EVIL,
            "sections": [{"kind": "answer", "start": 0, "end": len(EVIL), "title": None}], "pages": [],
            "entities": [], "themes": []}


def build_kb(path: str) -> str:
    with KBWriter(path) as w:
        for doc_id in IDS:
            w.replace_source(doc_id, doc_id, "0" * 64, 10, [_record(doc_id)])
    return path


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    return build_kb(str(tmp_path_factory.mktemp("websec") / "kb.sqlite"))


def passage_analyzer(text, kb):
    """A draft laid out as drafting.compose does, quoting the KB passage as it is."""
    passage = kb.document(IDS[0])["text"]
    return {"entities": [], "themes": [],
            "draft": {"text": f"**Projet de réponse**\n\n_À relire_\n\n{passage} [{IDS[0]}]\n",
                      "sources": [{"id": IDS[0], "citation": f"Question [{IDS[0]}]"}], "stale_figures": []},
            "unavailable": {}}


def token_of(client, url="/question") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def assert_inert(page: str, whole: bool = True) -> None:
    assert "<script>alert" not in page and ("&lt;script&gt;" in page or not whole)
    assert "evil.example" not in re.sub(r">[^<]*<", "><", page)  # in no tag or attribute, only in text
    assert "<img" not in page


@pytest.fixture()
def client(kb_path):
    return create_app(kb_path, analyzer=passage_analyzer).test_client()


def test_kb_content_is_never_live_html(client):
    r = client.post("/question", data={"question": "Combien ?", "csrf_token": token_of(client)})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "<strong>Projet de réponse</strong>" in page  # the draft's own layout
    draft = page[page.index('id="draft-html"'):page.index('id="export-form"')]
    assert "[ici](http://evil.example/x)" in draft and "![logo](http://evil.example/i.png)" in draft
    assert_inert(draft)
    assert_inert(page)
    assert_inert(client.get("/document?id=" + urllib.parse.quote(IDS[0])).get_data(as_text=True))
    search = client.get("/?q=alert+ici").get_data(as_text=True)
    assert "2 résultats" in search and "<mark>ici</mark>" in search
    assert "<mark>logo" not in search  # the text's own brackets stay text
    assert_inert(search, whole=False)


def test_ids_with_dots_and_slashes_link_to_their_page(client):
    page = client.get("/?q=programme").get_data(as_text=True)
    links = re.findall(r'class="doc-link" href="([^"]+)"', page)
    assert len(links) == 2
    for link in links:
        assert "/../" not in link.split("?")[0]  # nothing a browser would collapse
        r = client.get(link.replace("&amp;", "&"))
        assert r.status_code == 200
    titles = {re.search(r'<h1 id="doc-title">([^<]*)</h1>', client.get(link).get_data(as_text=True)).group(1)
              for link in links}
    assert titles == {f"Doc {i}" for i in IDS}
    assert client.get("/document/x/y.txt").status_code == 200  # the path form still works
    assert client.get("/document?id=").status_code == 404


def test_csrf_token_and_origin(client):
    data = {"draft": "Texte", "format": "md"}
    assert client.post("/question/export", data=data).status_code == 403  # no token
    token = token_of(client)
    assert client.post("/question/export", data={**data, "csrf_token": "x" + token}).status_code == 403
    r = client.post("/question/export", data={**data, "csrf_token": token},
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "autre site" in r.get_data(as_text=True)
    assert client.post("/question/export", data={**data, "csrf_token": token},
                       headers={"Referer": "http://evil.example/page"}).status_code == 403
    ok = client.post("/question/export", data={**data, "csrf_token": token}, headers={"Origin": "http://localhost"})
    assert ok.status_code == 200
    other = create_app(client.application.config["KB_PATH"]).test_client()  # another session, another token
    assert other.post("/question/export", data={**data, "csrf_token": token}).status_code == 403


def test_token_authentication(kb_path):
    c = create_app(kb_path, host="0.0.0.0", token=TOKEN, analyzer=passage_analyzer).test_client()
    r = c.get("/?q=programme")
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]
    assert c.post("/question", data={"question": "x"}).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer wrong-token-xxxxxxxx"}).status_code == 401
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert c.get("/?q=programme", headers=bearer).status_code == 200
    assert c.post("/question", data={"question": "x"}, headers=bearer).status_code == 200  # no cookie, no CSRF
    login = token_of(c, "/connexion")
    assert c.post("/connexion", data={"jeton": "nope", "csrf_token": login}).status_code == 401
    r = c.post("/connexion", data={"jeton": TOKEN, "csrf_token": login, "suivant": "//evil.example/"})
    assert r.status_code == 302 and r.headers["Location"] == "/"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert c.get("/?q=programme").status_code == 200
    c.post("/deconnexion", data={"csrf_token": token_of(c)})
    assert c.get("/").status_code == 302


def test_users_file_and_login(kb_path, tmp_path):
    users = tmp_path / "users"
    add_user(users, "alice", "correct horse")
    add_user(users, "bob", "battery staple")
    add_user(users, "alice", "new password")  # replaced, not duplicated
    assert sorted(read_users(users)) == ["alice", "bob"]
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ValueError):
        add_user(users, "eve", "short")
    c = create_app(kb_path, host="0.0.0.0", users=read_users(users)).test_client()
    token = token_of(c, "/connexion")
    assert c.post("/connexion", data={"nom": "alice", "mot_de_passe": "correct horse",
                                      "csrf_token": token}).status_code == 401
    r = c.post("/connexion", data={"nom": "alice", "mot_de_passe": "new password", "csrf_token": token,
                                   "suivant": "/entites"})
    assert r.status_code == 302 and r.headers["Location"] == "/entites"
    page = c.get("/").get_data(as_text=True)
    assert "Déconnexion (alice)" in page
    fresh = c.application.test_client()  # no session: a Bearer header is no way in when users log in
    assert fresh.get("/", headers={"Authorization": "Bearer anything"}).status_code == 302


def test_serve_command(kb_path, tmp_path, monkeypatch, capsys):
    from tdi_nlp.cli import main
    served = []
    monkeypatch.setattr(web_cli, "serve", lambda app, **kw: served.append((app, kw)))
    monkeypatch.setattr(web_cli, "warm_up", lambda: None)
    assert main(["serve", "--kb", kb_path, "--host", "0.0.0.0"]) == 2
    assert "without authentication" in capsys.readouterr().err and not served
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    assert main(["serve", "--kb", kb_path, "--host", "0.0.0.0", "--port", "8123",
                 "--token-file", str(token_file), "--read-only"]) == 0
    app, kw = served[-1]
    assert kw["host"] == "0.0.0.0" and kw["port"] == 8123
    assert app.config["AUTH"] == {"token": TOKEN} and app.config["READ_ONLY"] is True
    assert main(["serve", "--kb", kb_path]) == 0 and served[-1][0].config["AUTH"] is None  # loopback as before
    token_file.write_text("short")
    assert main(["serve", "--kb", kb_path, "--host", "0.0.0.0", "--token-file", str(token_file)]) == 2
    users = tmp_path / "users"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long password\n"))
    assert main(["serve", "--add-user", "carole", "--users", str(users)]) == 0
    assert check_password_hash(read_users(users)["carole"], "a long password")
    assert main(["serve", "--kb", kb_path, "--host", "::", "--users", str(users)]) == 0
    assert "carole" in served[-1][0].config["AUTH"]["users"]


READ_ONLY_CHECK = """
import sys
from tdi_nlp.cli import main
from tdi_nlp.kb import KnowledgeBase
from tdi_nlp.web import create_app
path = sys.argv[1]
with KnowledgeBase(path) as kb:
    assert kb.read_only, "not opened read-only"
assert main(["stats", "--kb", path]) == 0
c = create_app(path).test_client()
for url in ("/", "/?q=programme", "/document?id=x/y.txt", "/entites"):
    assert c.get(url).status_code == 200, url
print("read-only ok")
"""


def test_read_only_kb_in_read_only_folder():
    folder = tempfile.mkdtemp(prefix="tdi-ro-")  # not under pytest's tmp dir: an unprivileged user must reach it
    try:
        path = build_kb(os.path.join(folder, "kb.sqlite"))
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        command = [sys.executable, "-c", READ_ONLY_CHECK, path]
        if os.geteuid() == 0:  # root writes anyway: check as nobody, for whom the file and folder are read-only
            if not shutil.which("setpriv"):
                pytest.skip("running as root without setpriv: cannot check as an unprivileged user")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        out = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": folder})
        assert out.returncode == 0, out.stderr[-2000:]
        assert "read-only ok" in out.stdout
        assert sorted(os.listdir(folder)) == ["kb.sqlite"]  # nothing written beside it
        with KnowledgeBase(path, read_only=True) as kb:
            assert kb.stats()["documents"] == 2
            with pytest.raises(Exception, match="readonly|read-only"):
                kb.con.execute("DELETE FROM documents")
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_search_input_is_bounded(client):
    terms, cut = query_terms("le Le lé de de la " * 40)
    assert terms == ["le", "de", "la"] and not cut
    terms, cut = query_terms(" ".join(f"mot{i}" for i in range(30)))
    assert len(terms) == 12 and cut
    r = client.get("/?q=" + urllib.parse.quote(("de la " * 100)[:499]))
    assert r.status_code == 200
    page = client.get("/?q=" + "+".join(f"mot{i}" for i in range(30))).get_data(as_text=True)
    assert "12 premiers mots" in page


def test_endless_query_is_interrupted(kb_path, monkeypatch):
    def endless(self, query, **kwargs):  # a search that would never end
        return self.con.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                "SELECT count(*) FROM c").fetchall()
    monkeypatch.setattr(KnowledgeBase, "search_page", endless)
    app = create_app(kb_path)
    app.config["SQL_SECONDS"] = 0.5
    r = app.test_client().get("/?q=programme")
    assert r.status_code == 503 and "interrompue" in r.get_data(as_text=True)


def test_long_question_is_truncated(kb_path):
    seen = []
    app = create_app(kb_path, analyzer=lambda text, kb: seen.append(len(text)) or passage_analyzer(text, kb))
    c = app.test_client()
    r = c.post("/question", data={"question": "mot " * 5000, "csrf_token": token_of(c)})
    assert r.status_code == 200 and seen[0] <= 8000
    assert "premiers caractères" in r.get_data(as_text=True)


def _post_question(base: str, text: str, out: dict, key: str) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = opener.open(base + "/question", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    start = time.monotonic()
    body = urllib.parse.urlencode({"question": text, "csrf_token": token}).encode()
    page = opener.open(base + "/question", data=body, timeout=60).read().decode()
    out[key] = (time.monotonic() - start, page)


def test_slow_question_does_not_block_another(kb_path, monkeypatch):
    import tdi_nlp.extraction  # noqa: F401 - imported before the clock runs (spaCy library, no model)
    release = threading.Event()

    def analyzer(text, kb):
        if text.startswith("PATHOLOGIQUE"):
            with analysis._lock:  # holds the shared pipeline, as a pathological text would
                release.wait(30)
            return passage_analyzer(text, kb)
        return analysis.analyze_question(text, kb)

    monkeypatch.setattr(analysis, "themes", lambda text: [{"taxonomy": "tdi", "theme": "financement",
                                                            "score": 0.5, "evidence": ""}])
    monkeypatch.setattr(analysis, "draft", lambda text, kb: None)
    app = create_app(kb_path, analyzer=analyzer)
    app.config["ANALYSIS_SECONDS"] = 8
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    out: dict = {}
    try:
        slow = threading.Thread(target=_post_question, args=(base, "PATHOLOGIQUE " * 50, out, "slow"))
        slow.start()
        for _ in range(200):
            if analysis._lock.locked():
                break
            time.sleep(0.05)
        assert analysis._lock.locked()
        _post_question(base, "Question sur les territoires d'industrie", out, "other")
        slow.join(30)
    finally:
        release.set()
        server.shutdown()
        thread.join(10)
    other_time, other = out["other"]
    slow_time, slow_page = out["slow"]
    assert other_time < 20 and slow_time < 20
    assert "Entités indisponibles" in other and "financement" in other  # the pipeline was busy, the rest answered
    assert "abandonnée" in slow_page
