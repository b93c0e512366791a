"""Facts timeline: the dated values of a counted thing or an amount, with their sources.

``timeline(kb, "territoires d'industrie")`` -> ``[{"value", "date", "doc_id", "text", "start", "end", ...}]``
sorted by date (undated values last). Values come from COUNT mentions whose unit matches the thing (accents, case
and plurals ignored, fuzzy), or MONEY mentions whose sentence names the thing. A value is dated by a DATE mention
of the same sentence (the closest), else by its document's date; a sentence date later than the document's marks a
target ("date_from": "projection"), which latest() leaves out. Parts are left out ("trois nouveaux territoires",
"25 territoires d'industrie fragiles", "4 des 124") and so is the older value of a change ("passent de 141 à 144":
144 is kept). The rules are data: resources/drafting/timeline.toml.

Euro amounts compared for draft answers: amounts.py.
"""
from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache

from ..config import RESOURCES_DIR
import unicodedata

RULES_PATH = RESOURCES_DIR / "drafting" / "timeline.toml"
FUZZY_MIN = 90


@lru_cache(maxsize=1)
def rules() -> dict:
    with open(RULES_PATH, "rb") as fh:
        return tomllib.load(fh)


def fold(s: str) -> str:
    """Lower case without accents; apostrophes unified."""
    s = unicodedata.normalize("NFKD", s.lower().replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c))


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
    from rapidfuzz import fuzz
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


def _money_matches(sentence: str, thing_words: list[str]) -> bool:
    words = set(unit_key(sentence).split())
    return bool(thing_words) and all(w in words for w in thing_words)


def timeline(kb, thing: str) -> list[dict]:
    """Dated values of a counted thing (COUNT unit) or an amount (MONEY named with the thing), sorted by date."""
    key = unit_key(thing)
    if not key:
        return []
    thing_words = [w for w in key.replace("'", "' ").split() if len(w) > 3]
    by_doc: dict[str, list[dict]] = {}
    # a counted thing has COUNT values, and amounts merely said near it are not its values: MONEY mentions are read
    # only when no count matches
    for label in ("COUNT", "MONEY"):
        for r in kb.con.execute("SELECT * FROM mentions WHERE label = ? ORDER BY doc_id, idx", (label,)):
            m = dict(r)
            m["value"] = json.loads(m["value"]) if m["value"] else {}
            if label == "COUNT" and not unit_matches(m["value"].get("unit"), key):
                continue
            by_doc.setdefault(m["doc_id"], []).append(m)
        if by_doc:
            break
    from .amounts import is_amount_part
    out = []
    for doc_id, ms in by_doc.items():
        doc = kb.con.execute("SELECT text, date FROM documents WHERE id = ?", (doc_id,)).fetchone()
        text, doc_date = doc["text"], doc["date"]
        dates = [dict(d, value=json.loads(d["value"]) if d["value"] else None) for d in kb.con.execute(
            "SELECT start, end, text, value FROM mentions WHERE doc_id = ? AND label = 'DATE'", (doc_id,))]
        for m in ms:
            sent = _sentence_bounds(text, m["start"], m["end"])
            if m["label"] == "MONEY":
                if not _money_matches(text[sent[0]:sent[1]], thing_words) or is_amount_part(text, m):
                    continue
                value = m["value"].get("amount")
            else:
                if is_part(text, m) or is_change_origin(text, m):
                    continue
                value = m["value"].get("count")
            if value is None:
                continue
            date, how = _date_of(m, sent, dates, doc_date)
            if how == "sentence" and doc_date and date and date[:10] > doc_date[:10]:
                how = "projection"  # "3 000 communes d'ici 2024", said in 2020: a target, not a value of 2024
            out.append({"value": value, "date": date, "doc_id": doc_id, "text": m["text"], "start": m["start"],
                        "end": m["end"], "label": m["label"], "unit": m["value"].get("unit") or m["value"].get("currency"),
                        "qualifier": m["value"].get("qualifier"), "date_from": how, "section": m.get("section"),
                        "sentence": text[sent[0]:sent[1]].strip()})
    if any(v["label"] == "COUNT" for v in out):  # a counted thing: amounts merely said near it are not its values
        out = [v for v in out if v["label"] == "COUNT"]
    out.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["doc_id"], x["start"]))
    return out


def latest(values: list[dict]) -> dict | None:
    """The most recent dated value (the last one of its date when several); targets dated in the future of their
    document ("date_from": "projection") are not values known at that date."""
    dated = [v for v in values if v["date"] and v.get("date_from") != "projection"]
    return dated[-1] if dated else None
