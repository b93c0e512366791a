"""The Flask application: server-rendered pages over a knowledge base (user-facing text in French)."""
from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from pathlib import Path

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from . import common, render
from .analysis import analyze_question
from .auth import auth, require_login
from .common import BadInput
from .routes import pages
from .security import check_csrf, csrf_token

log = logging.getLogger("tdi_nlp.web")

CSP = ("default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
MESSAGES = {400: "Requête invalide.", 401: "Connexion nécessaire.", 403: "Accès refusé.", 404: "Page introuvable.",
            405: "Méthode non autorisée.",
            413: "Envoi trop volumineux.", 500: "Erreur interne du serveur.", 503: "Service indisponible."}


def create_app(kb_path: str | Path, host: str = "127.0.0.1", max_upload_mb: float = 2.0,
               analyzer=analyze_question, users: dict[str, str] | None = None, token: str | None = None,
               read_only: bool = False, secret_key: str | bytes | None = None) -> Flask:
    """The application for the KB at kb_path. analyzer(text, kb) -> {"entities", "themes", "draft", ...}.

    users ({name: password hash}) or token: who may use the page (nobody needs to log in when both are None).
    read_only: open the KB read-only (automatic when the file or its folder is not writable).
    secret_key: signs the session cookie (default: $TDI_NLP_SECRET_KEY, else a random key for this process).
    """
    kb_path = str(kb_path)
    if not Path(kb_path).is_file():
        raise FileNotFoundError(f"no knowledge base at {kb_path}")
    if users and token:
        raise ValueError("give users or token, not both")
    app = Flask(__name__)
    app.config.update(KB_PATH=kb_path, MAX_CONTENT_LENGTH=int(max_upload_mb * 1024 * 1024),
                      MAX_UPLOAD_MB=max_upload_mb, ANALYZER=analyzer, JSON_AS_ASCII=False, READ_ONLY=read_only,
                      AUTH={"users": dict(users)} if users else {"token": token} if token else None,
                      SECRET_KEY=secret_key or os.environ.get("TDI_NLP_SECRET_KEY") or secrets.token_bytes(32),
                      SESSION_COOKIE_NAME="tdi_nlp_session", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=os.environ.get("TDI_NLP_SECURE_COOKIE") == "1",
                      SQL_SECONDS=common.SQL_SECONDS, ANALYSIS_SECONDS=common.ANALYSIS_SECONDS)
    if host in ("127.0.0.1", "localhost", "::1"):  # refuse other Host headers (DNS rebinding)
        app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost", "[::1]", "::1"]
    app.before_request(require_login)
    app.before_request(check_csrf)
    app.jinja_env.filters.update(kind=render.kind_name, label=render.label_name, fr_date=render.fr_date,
                                 fr_number=render.fr_number, snippet=render.snippet_html,
                                 plain=render.plain)
    app.jinja_env.globals.update(COLORS=render.COLORS, TAXONOMIES=render.TAXONOMIES, SECTIONS=render.SECTIONS,
                                 csrf_token=csrf_token, doc_url=render.doc_url)

    @app.teardown_appcontext
    def _close(_exc):
        kb = g.pop("kb", None)
        if kb is not None:
            kb.close()

    @app.after_request
    def _headers(resp: Response):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin: nothing leaks to other sites, and our own form posts carry a real Origin (with no-referrer,
        # Chrome sends "Origin: null", which the CSRF check refuses)
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = exc.code or 500
        message = str(exc.description) if isinstance(exc, BadInput) else MESSAGES.get(code, exc.name)
        if code == 413:
            message = f"Envoi trop volumineux : la limite est de {render.fr_number(app.config['MAX_UPLOAD_MB'])} Mo."
        return _error_page(code, message)

    @app.errorhandler(sqlite3.OperationalError)
    def _interrupted(exc: sqlite3.OperationalError):
        if "interrupt" not in str(exc):
            return _crash(exc)
        log.warning("request over its SQL time limit: %s", request.full_path[:300])
        return _error_page(503, "Requête trop coûteuse : elle a été interrompue. Précisez la recherche.")

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return _error_page(500, MESSAGES[500])

    app.register_blueprint(pages)
    app.register_blueprint(auth)
    return app


def _error_page(code: int, message: str):
    """The error page; plain text when the request could not even be routed (e.g. an untrusted Host)."""
    try:
        return render_template("error.html", code=code, message=message), code
    except Exception:  # noqa: BLE001
        return Response(f"Erreur {code} : {message}\n", status=code, mimetype="text/plain; charset=utf-8")
