"""What the app and its pages share: user-input limits, the French error type, the request's KnowledgeBase."""
from __future__ import annotations

import re
import time
from datetime import date as Date

from flask import current_app, g
from werkzeug.exceptions import HTTPException

from ..kb import KnowledgeBase
from ..text_utils import fold

MAX_QUESTION_CHARS = 50_000   # accepted in the form
MAX_ANALYZED_CHARS = 8_000    # given to the question analysis (spaCy, themes, draft); the rest is left out
ANALYSIS_SECONDS = 10.0       # a question's analysis answers within this, else "délai dépassé"
LOCK_WAIT_SECONDS = 3.0       # longest wait for the shared spaCy pipeline
MAX_ANALYSES = 2              # analyses running at once (abandoned ones included); more wait, then 503
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 12          # distinct words of a search given to FTS5 (and its snippet())
SQL_SECONDS = 5.0             # SQLite work of one request; then the query is interrupted (503)
UPLOAD_TYPES = (".txt", ".md", ".markdown", ".docx")


class BadInput(HTTPException):
    """A French message for the user with its HTTP status (400 unless told)."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.code = code


def open_kb(path: str, read_only: bool | None, seconds: float) -> KnowledgeBase:
    """A KnowledgeBase whose SQLite work is interrupted after `seconds` (sqlite3.OperationalError "interrupted")."""
    k = KnowledgeBase(path, read_only=read_only)
    deadline = time.monotonic() + seconds
    k.con.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)
    return k


def kb() -> KnowledgeBase:
    """The request's KnowledgeBase (one SQLite connection per request, its work bounded by SQL_SECONDS)."""
    if "kb" not in g:
        cfg = current_app.config
        g.kb = open_kb(cfg["KB_PATH"], cfg["READ_ONLY"] or None, cfg["SQL_SECONDS"])
    return g.kb


def query_terms(q: str, limit: int = MAX_QUERY_TERMS) -> tuple[list[str], bool]:
    """The distinct words of a search (accents and case ignored), the first `limit` of them; and whether distinct
    words were left out."""
    seen, terms = set(), []
    for w in re.findall(r"\w+", q):
        key = fold(w)
        if key not in seen:
            seen.add(key)
            terms.append(w)
    return terms[:limit], len(terms) > limit


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
