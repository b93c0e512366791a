"""Text helpers shared by the people and organization components: accent folding, slugs."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " ", "–": "-", "‑": "-"})


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, no accents, unified apostrophes and spaces: the key used for every lookup."""
    text = strip_accents((text or "").translate(_APOS)).lower()
    return " ".join(text.split())


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def words(text: str) -> list[str]:
    """Folded word tokens, elided articles split off ("l'economie" -> "l'", "economie")."""
    return re.findall(r"[a-z0-9]+'|[a-z0-9]+", fold(text))
