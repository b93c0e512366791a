"""What the app and its pages share: user-input limits, the French error type, the request's KnowledgeBase."""
from __future__ import annotations

import re
from datetime import date as Date

from flask import current_app, g
from werkzeug.exceptions import HTTPException

from ..kb import KnowledgeBase

MAX_QUESTION_CHARS = 50_000
MAX_QUERY_CHARS = 500
UPLOAD_TYPES = (".txt", ".md", ".markdown", ".docx")

class BadInput(HTTPException):
    """A French message for the user with its HTTP status (400 unless told)."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.code = code


def kb():
    """The request's KnowledgeBase (one SQLite connection per request)."""
    if "kb" not in g:
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
