"""Counts and the French text rules of figures: units ("territoires d'industrie" -> "territoire d'industrie"),
parts ("trois nouveaux territoires", "4 des 124"), change origins ("passent de 141 à 144": 141), the date of a value
(the closest DATE of its sentence, else its document's). Rules: resources/drafting/timeline.toml.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache

import unicodedata

from rapidfuzz import fuzz

from ..config import RESOURCES_DIR

RULES_PATH = RESOURCES_DIR / "drafting" / "timeline.toml"
FUZZY_MIN = 90


@lru_cache(maxsize=1)
def rules() -> dict:
    with open(RULES_PATH, "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """str.translate table deleting every combining character (what unicodedata.combining() tells apart)."""
    return {c: None for c in range(0x110000) if unicodedata.combining(chr(c))}


def fold(s: str) -> str:
    """Lower case without accents; apostrophes unified."""
    return unicodedata.normalize("NFKD", s.lower().replace("’", "'")).translate(_combining())


def anchor_form(s: str) -> str:
    """fold(s) with a letter and a digit written apart joined ("FFP 2", "FFP-2" -> "ffp2"): how an anchor (a name,
    a year) is looked for in a text."""
    return re.sub(r"(?<=[a-z])[ \u00a0-](?=\d)", "", fold(s))


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def unit_key(text: str) -> str:
    """'Territoires d'industrie' -> "territoire d'industrie" (folded, singular, quotes dropped)."""
    t = fold(text).replace("’", "'").replace("«", " ").replace("»", " ").replace('"', " ")
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+'?|'", t) if w != "'").replace("' ", "'")


def unit_matches(unit: str | None, thing_key: str) -> bool:
    if not unit:
        return False
    key = unit_key(unit)
    if key == thing_key:
        return True
    return fuzz.ratio(key, thing_key) >= FUZZY_MIN


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end): from after the previous '. ' or newline to the next one."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    m = re.compile(r"[.!?](?=\s)|\n").search(text, end)
    return (left + 1 if left >= 0 else 0), (m.start() + 1 if m else len(text))


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+'?", fold(s).replace("’", "'"))


def _starts_with(words: list[str], phrases: list[str]) -> bool:
    for p in phrases:
        pw = _words(p)
        if pw and words[:len(pw)] == pw:
            return True
    return False


def _ends_with(words: list[str], phrases: list[str]) -> bool:
    for p in phrases:
        pw = _words(p)
        if pw and words[-len(pw):] == pw:
            return True
    return False


def is_part(text: str, m: dict) -> bool:
    """True when the count is a part of the thing, not its total (see the rules file)."""
    r = rules()
    inside = _words(m["text"])
    if any(w in r["subset_inside"] for w in inside[1:]):
        return True
    after = _words(text[m["end"]:m["end"] + 40])
    before = _words(text[max(0, m["start"] - 30):m["start"]])
    return _starts_with(after, r["subset_after"]) or _ends_with(before, r["subset_before"])


def is_change_origin(text: str, m: dict) -> bool:
    """True for X in "passent de X à Y": a number introduced by "de" and followed by "à" and another number."""
    r = rules()
    before = _words(text[max(0, m["start"] - 12):m["start"]])
    after_text = text[m["end"]:m["end"] + 60]
    after = _words(after_text)
    if not before or before[-1] not in [fold(x) for x in r["change_from"]]:
        return False
    # the unit may stand between X and "à" ("de 124 territoires à 136"); the number must follow "à"
    for i, w in enumerate(after[:8]):
        if w in r["change_to"] and i + 1 < len(after) and re.match(r"\d|[a-z]", after[i + 1]):
            return bool(re.match(r"\d", after[i + 1])) or after[i + 1] in _NUMBER_WORDS
    return False


_NUMBER_WORDS = {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "vingt",
                 "trente", "quarante", "cinquante", "soixante", "cent", "mille"}


def _date_of(m: dict, sentence: tuple[int, int], dates: list[dict], doc_date: str | None) -> tuple[str | None, str]:
    s, e = sentence
    same = [d for d in dates if d["start"] >= s and d["end"] <= e and isinstance(d.get("value"), dict)
            and d["value"].get("start") and re.match(r"\d{4}-\d{2}-\d{2}$", str(d["value"]["start"]))]
    if same:
        before = [d for d in same if d["end"] <= m["start"]]
        best = max(before, key=lambda d: d["end"]) if before else min(same, key=lambda d: d["start"])
        return best["value"]["start"], "sentence"
    return doc_date, "document" if doc_date else "none"
