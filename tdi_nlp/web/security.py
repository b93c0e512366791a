"""Cross-site request forgery: a per-session token in every form, checked with the Origin/Referer of each POST."""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import g, request, session

from .common import BadInput

FIELD = "csrf_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
REFUSED = "Requête refusée : formulaire expiré ou envoyé depuis un autre site. Rechargez la page et recommencez."


def csrf_token() -> str:
    """The session's token (created on first use); templates put it in a hidden field of every form."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def same_origin() -> bool:
    """False when the request names another site in Origin (else Referer); True when it names none."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return True
    if source == "null":
        return False
    return urlsplit(source).netloc.lower() == request.host.lower()


def check_csrf() -> None:
    """before_request: a POST must come from this site and carry the session's token (403 otherwise).

    Requests authenticated by an ``Authorization: Bearer`` header are exempt: a browser never adds it by itself.
    """
    if request.method in SAFE_METHODS or g.get("auth_by_header"):
        return
    if not same_origin():
        raise BadInput(REFUSED, 403)
    sent = request.form.get(FIELD) or request.headers.get("X-CSRF-Token") or ""
    expected = session.get(FIELD) or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise BadInput(REFUSED, 403)
