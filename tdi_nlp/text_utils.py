"""Small text helpers shared across the project: folding, words, slugs, French month names and dates, stop words.

Imports nothing of the project (the project extras of the stop words are read from ``resources/stop_words.txt``, the
synonym groups of the search and drafting queries from ``resources/drafting/synonyms.tsv``).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path


STOP_WORDS_FILE = Path(__file__).resolve().parent / "resources" / "stop_words.txt"
SYNONYMS_FILE = Path(__file__).resolve().parent / "resources" / "drafting" / "synonyms.tsv"
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


def first_chars(alternatives) -> str:
    """A lookahead on the first characters of the alternatives of a long alternation, to put before it: the regex
    engine then rejects most positions at one character class instead of trying every alternative (5x faster on
    a few hundred names; the matches are the same). Alternatives are plain strings, not patterns."""
    return "(?=[" + "".join(sorted({re.escape(a[0]) for a in alternatives if a})) + "])"


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


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of phrases that name the same thing (resources/drafting/synonyms.tsv), each phrase as written."""
    out = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        phrases = tuple(p.strip() for p in line.split("#", 1)[0].split("\t") if p.strip())
        if len(phrases) > 1:
            out.append(phrases)
    return tuple(out)


def synonyms_of(words: list[str], key=fold) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(phrase found, another phrase of its group) for each synonym group a phrase of which occurs in words (a
    sequence of word keys, as key gives them; a word it keys to None, a stop word, is left out), phrases as their
    sequences of keys: ["chomage", "partiel"] -> [(("chomage", "partiel"), ("activite", "partielle"))]."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for group in synonym_groups():
        keyed = [tuple(k for k in map(key, re.findall(r"[^\W_]+", p)) if k) for p in group]
        found = [p for p in keyed if p and any(tuple(words[i:i + len(p)]) == p for i in range(len(words)))]
        out.extend((found[0], p) for p in keyed if found and p not in found and (found[0], p) not in out)
    return out
