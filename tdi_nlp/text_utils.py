"""Small text helpers shared across modules."""
from __future__ import annotations

import unicodedata


def fold(s: str) -> str:
    """Lowercase, accents removed, hyphens and apostrophes as spaces, spaces collapsed."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(s.split())
