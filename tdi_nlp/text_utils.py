"""Small text helpers shared across the project: folding, words, slugs, French month names and dates, stop words.

Imports nothing of the project (the project extras of the stop words are read from ``resources/stop_words.txt``).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path


STOP_WORDS_FILE = Path(__file__).resolve().parent / "resources" / "stop_words.txt"
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")

_UNIFY = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " ", "–": "-", "‑": "-"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


class _Stripped(dict):
    """Code point -> the character without its accents, filled as characters are met. NFKD then dropping the
    combining marks is the same character by character (reordering only moves combining marks)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_LIGATURES))
        out = self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return out


_STRIPPED = _Stripped()


def strip_accents(text: str) -> str:
    """Accents removed and ligatures spelled out ("Œuvre à" -> "OEuvre a"); case kept."""
    if not text or text.isascii():
        return text or ""
    return text.translate(_STRIPPED)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a text: lowercase, no accents, apostrophes unified to ', dashes to -, spaces collapsed."""
    return " ".join(strip_accents((text or "").translate(_UNIFY)).lower().split())


def fold_split(text: str) -> str:
    """fold() with hyphens and apostrophes as spaces: one key for "Hauts-de-France" and "Hauts de France"."""
    return " ".join(fold(text).replace("-", " ").replace("'", " ").split())


def words(text: str) -> list[str]:
    """Folded word tokens, elided articles split off ("l'economie" -> "l'", "economie")."""
    return re.findall(r"[a-z0-9]+'|[a-z0-9]+", fold(text))


_WORD = re.compile(r"[^\W_]+")


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of every run of letters and digits in text."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def slugify(text: str) -> str:
    """"Agnès Pannier-Runacher" -> "agnes-pannier-runacher"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def month_forms() -> dict[str, int]:
    """Every spelling of a French month name, with and without accents -> month number (1-12)."""
    out: dict[str, int] = {}
    for n, name in enumerate(MONTHS_FR, 1):
        out[name] = n
        out[strip_accents(name)] = n
    return out


def month_number(name: str) -> int | None:
    """1-12 for a French month name in any case, with or without accents, else None."""
    return _FOLDED_MONTHS.get(fold(name))


_FOLDED_MONTHS = {fold(name): n for n, name in enumerate(MONTHS_FR, 1)}


def format_date_fr(iso: str | None, missing: str = "") -> str:
    """"2019-03-05" -> "5 mars 2019", "2019-03-01" -> "1er mars 2019"; missing when iso is empty, a text that is
    not a full ISO date ("2019-03") as it is."""
    if not iso:
        return missing
    try:
        d = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]} {d.year}"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's French stop words folded, plus the project's extras (resources/stop_words.txt), folded."""
    # here, not at the top: importing spacy.lang.fr costs ~2 s (its tokenizer exceptions), which every
    # `tdi-nlp` command would pay through this module
    from spacy.lang.fr.stop_words import STOP_WORDS
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    extra = {w for line in lines for w in line.split("#", 1)[0].split()}
    return frozenset(fold(w) for w in STOP_WORDS) | frozenset(fold(w) for w in extra)
