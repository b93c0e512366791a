"""The Flask application: server-rendered pages over a knowledge base (user-facing text in French)."""
from __future__ import annotations

import logging
import re
from datetime import date as Date
from pathlib import Path

from flask import Flask, Response, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from . import render
from .analysis import analyze_question

log = logging.getLogger("tdi_nlp.web")

MAX_QUESTION_CHARS = 50_000
MAX_QUERY_CHARS = 500
UPLOAD_TYPES = (".txt", ".md", ".markdown", ".docx")
CSP = ("default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
MESSAGES = {400: "Requête invalide.", 404: "Page introuvable.", 405: "Méthode non autorisée.",
            413: "Envoi trop volumineux.", 500: "Erreur interne du serveur.", 503: "Service indisponible."}


class BadInput(HTTPException):
    """A French message for the user with its HTTP status (400 unless told)."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.code = code


def create_app(kb_path: str | Path, host: str = "127.0.0.1", max_upload_mb: float = 2.0,
               analyzer=analyze_question) -> Flask:
    """The application for the KB at kb_path. analyzer(text, kb) -> {"entities", "themes", "draft", ...}."""
    kb_path = str(kb_path)
    if not Path(kb_path).is_file():
        raise FileNotFoundError(f"no knowledge base at {kb_path}")
    app = Flask(__name__)
    app.config.update(KB_PATH=kb_path, MAX_CONTENT_LENGTH=int(max_upload_mb * 1024 * 1024),
                      MAX_UPLOAD_MB=max_upload_mb, ANALYZER=analyzer, JSON_AS_ASCII=False)
    if host in ("127.0.0.1", "localhost", "::1"):  # refuse other Host headers (DNS rebinding)
        app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost", "[::1]", "::1"]
    app.jinja_env.filters.update(kind=render.kind_name, label=render.label_name, fr_date=render.fr_date,
                                 fr_number=render.fr_number, snippet=render.snippet_html,
                                 plain=render.plain)
    app.jinja_env.globals.update(COLORS=render.COLORS, TAXONOMIES=render.TAXONOMIES, SECTIONS=render.SECTIONS)

    @app.teardown_appcontext
    def _close(_exc):
        kb = g.pop("kb", None)
        if kb is not None:
            kb.close()

    @app.after_request
    def _headers(resp: Response):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = exc.code or 500
        message = str(exc.description) if isinstance(exc, BadInput) else MESSAGES.get(code, exc.name)
        if code == 413:
            message = f"Envoi trop volumineux : la limite est de {render.fr_number(app.config['MAX_UPLOAD_MB'])} Mo."
        return _error_page(code, message)

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return _error_page(500, MESSAGES[500])

    from .routes import register
    register(app)
    return app


def _error_page(code: int, message: str):
    """The error page; plain text when the request could not even be routed (e.g. an untrusted Host)."""
    try:
        return render_template("error.html", code=code, message=message), code
    except Exception:  # noqa: BLE001
        return Response(f"Erreur {code} : {message}\n", status=code, mimetype="text/plain; charset=utf-8")


def kb():
    """The request's KnowledgeBase (one SQLite connection per request)."""
    if "kb" not in g:
        from ..kb import KnowledgeBase
        g.kb = KnowledgeBase(current_app.config["KB_PATH"])
    return g.kb


def iso_date(value: str, field: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadInput(f"Date invalide pour « {field} » : {value[:40]} (format attendu : AAAA-MM-JJ).")
    try:
        Date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"Date invalide pour « {field} » : {value[:40]}.") from None
    return value

