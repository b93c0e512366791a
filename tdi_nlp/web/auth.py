"""Who may use a shared page: users with hashed passwords (a ``name:hash`` file) or one shared token.

A browser logs in on ``/connexion`` (session cookie); a script sends ``Authorization: Bearer TOKEN``.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from .common import BadInput

NAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")
MIN_PASSWORD = 8
MIN_TOKEN = 16
OPEN_ENDPOINTS = ("auth.login", "static")

auth = Blueprint("auth", __name__)


def read_users(path: str | Path) -> dict[str, str]:
    """{name: password hash} of a users file (``name:hash`` lines; blank lines and # comments ignored)."""
    users = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not NAME.fullmatch(name) or not hashed:
            raise ValueError(f"{path}:{n}: expected `name:hash` (see `tdi-nlp serve --add-user`)")
        users[name] = hashed
    if not users:
        raise ValueError(f"{path}: no users (add one with `tdi-nlp serve --add-user NAME --users {path}`)")
    return users


def read_token(path: str | Path) -> str:
    token = Path(path).read_text(encoding="utf-8").strip()
    if len(token) < MIN_TOKEN or any(c.isspace() for c in token):
        raise ValueError(f"{path}: the token must be one word of at least {MIN_TOKEN} characters")
    return token


def add_user(path: str | Path, name: str, password: str) -> None:
    """Add (or replace) a user in a users file, created readable by its owner only."""
    if not NAME.fullmatch(name):
        raise ValueError(f"invalid user name {name!r} (letters, digits and . _ @ - only)")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if line.partition(":")[0].strip() != name]
    lines.append(f"{name}:{generate_password_hash(password)}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def _fingerprint(secret: str) -> str:
    """What the session keeps of a credential: a changed password or token ends the sessions opened with it."""
    return hashlib.sha256(secret.encode()).hexdigest()[:24]


def _session_user(cfg: dict) -> str | None:
    user, mark = session.get("user"), session.get("auth")
    if not user or not mark:
        return None
    secret = cfg["token"] if "token" in cfg else cfg["users"].get(user)
    return user if secret and hmac.compare_digest(mark, _fingerprint(secret)) else None


def require_login():
    """before_request: when authentication is configured, a request needs a session or a Bearer token."""
    cfg = current_app.config["AUTH"]
    if not cfg:
        return None
    header = request.headers.get("Authorization", "")
    if "token" in cfg and header.startswith("Bearer "):
        if hmac.compare_digest(header[7:].strip().encode(), cfg["token"].encode()):
            g.user, g.auth_by_header = "token", True
            return None
        raise BadInput("Jeton d'accès invalide.", 401)
    g.user = _session_user(cfg)
    if g.user or request.endpoint in OPEN_ENDPOINTS:
        return None
    if request.method == "GET":
        return redirect(url_for("auth.login", suivant=request.full_path if request.query_string else request.path))
    raise BadInput("Connexion nécessaire.", 401)


def _local(target: str | None) -> str:
    """A redirect target on this site only."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("pages.search")


@auth.route("/connexion", methods=["GET", "POST"])
def login():
    cfg = current_app.config["AUTH"]
    if not cfg:
        return redirect(url_for("pages.search"))
    mode = "token" if "token" in cfg else "users"
    target = _local(request.values.get("suivant"))
    if request.method == "GET":
        return render_template("login.html", mode=mode, target=target, error=None)
    name, secret = None, None
    if mode == "token":
        sent = request.form.get("jeton") or ""
        if hmac.compare_digest(sent.encode(), cfg["token"].encode()):
            name, secret = "token", cfg["token"]
    else:
        sent_name = (request.form.get("nom") or "").strip()
        hashed = cfg["users"].get(sent_name)
        if hashed and check_password_hash(hashed, request.form.get("mot_de_passe") or ""):
            name, secret = sent_name, hashed
    if name is None:
        return render_template("login.html", mode=mode, target=target,
                               error="Identifiants incorrects."), 401
    session.clear()  # a new session (and CSRF token) at each login
    session.update(user=name, auth=_fingerprint(secret))
    return redirect(target)


@auth.route("/deconnexion", methods=["POST"])
def logout():
    session.clear()
    return redirect(url_for("auth.login"))
