"""Facts timeline: the dated values of a counted thing or an amount, with their sources.

``timeline(kb, "territoires d'industrie")`` -> ``[{"value", "date", "doc_id", "text", "start", "end", ...}]``
sorted by date (undated values last). Values come from COUNT mentions whose unit matches the thing (accents, case
and plurals ignored, fuzzy), or MONEY mentions whose sentence names the thing. A value is dated by a DATE mention
of the same sentence (the closest), else by its document's date; a sentence date later than the document's marks a
target ("date_from": "projection"), which latest() leaves out. Parts are left out ("trois nouveaux territoires",
"25 territoires d'industrie fragiles", "4 des 124") and so is the older value of a change ("passent de 141 à 144":
144 is kept). The text rules are in counts.py (data: resources/drafting/timeline.toml).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from .amounts import is_amount_part
from .counts import FUZZY_MIN, _date_of, _sentence_bounds, is_change_origin, is_part, unit_key

# The COUNT and MONEY mentions of a KB, kept in-process while the KB's documents are unchanged (kb.state()): COUNT
# mentions grouped by unit key, so that a thing is matched against each distinct unit once; the words of a MONEY
# mention's sentence once read; each mention's timeline value once computed (it does not depend on the thing asked).
_CACHE: dict[str, "_Mentions"] = {}


class _Mentions:
    def __init__(self, kb, state) -> None:
        self.state = state
        self.by_unit: dict[str, list[dict]] = {}
        for m in _read(kb, "COUNT"):
            self.by_unit.setdefault(_unit_key(m["value"].get("unit") or ""), []).append(m)
        self._money: list[dict] | None = None
        self.matches: dict[str, list[str]] = {}  # thing key -> unit keys matching it

    def money(self, kb, words: list[str]) -> list[dict]:
        """The MONEY mentions whose sentence has all of words, in KB order."""
        if self._money is None:
            ms = _read(kb, "MONEY")
            self._by_word: dict[str, list[int]] = {}
            for doc_id, group in _by_doc(ms).items():
                row = kb.text_and_date(doc_id)
                text = row["text"] if row else ""
                for m in group:
                    a, b = _sentence_bounds(text, m["start"], m["end"])
                    # split like the thing's words: "l'Etat" gives "etat"
                    m["_sentence_words"] = frozenset(unit_key(text[a:b]).replace("'", "' ").split())
            for i, m in enumerate(ms):
                for w in m["_sentence_words"]:
                    self._by_word.setdefault(w, []).append(i)
            self._money = ms
        if not words:
            return []
        lists = sorted((self._by_word.get(w, []) for w in set(words)), key=len)
        found = set(lists[0]).intersection(*lists[1:])
        return [self._money[i] for i in sorted(found)]

    def units(self, key: str) -> list[str]:
        if key not in self.matches:
            self.matches[key] = [k for k in self.by_unit if k and (k == key or fuzz.ratio(k, key) >= FUZZY_MIN)]
        return self.matches[key]


def _read(kb, label: str) -> list[dict]:
    ms = kb.mentions(label=label)
    for m in ms:
        m["value"] = m["value"] or {}
    return ms


def _by_doc(ms: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for m in ms:
        out.setdefault(m["doc_id"], []).append(m)
    return out


@lru_cache(maxsize=100_000)
def _unit_key(unit: str) -> str:
    return unit_key(unit)


def _mentions(kb) -> _Mentions:
    key, state = str(getattr(kb, "path", id(kb))), kb.state()
    cached = _CACHE.get(key)
    if cached is None or cached.state != state:
        cached = _CACHE[key] = _Mentions(kb, state)
    return cached


def _values(kb, doc_id: str, ms: list[dict]) -> None:
    """Compute the timeline value (or None) of each of ms, mentions of one document, into m["_value"]."""
    doc = kb.text_and_date(doc_id)
    text, doc_date = doc["text"], doc["date"]
    dates = [{**d, "value": d["value"] or None} for d in kb.mentions(label="DATE", doc_id=doc_id)]
    for m in ms:
        m["_value"] = None
        if m["label"] == "MONEY":
            part = is_amount_part(text, m)
            value = m["value"].get("amount")
        else:
            if is_change_origin(text, m):
                continue
            part = is_part(text, m)
            value = m["value"].get("count")
        if value is None:
            continue
        sent = _sentence_bounds(text, m["start"], m["end"])
        date, how = _date_of(m, sent, dates, doc_date)
        if how == "sentence" and doc_date and date and date[:10] > doc_date[:10]:
            how = "projection"  # "3 000 communes d'ici 2024", said in 2020: a target, not a value of 2024
        m["_value"] = {"value": value, "date": date, "doc_id": doc_id, "text": m["text"], "start": m["start"],
                       "end": m["end"], "label": m["label"],
                       "unit": m["value"].get("unit") or m["value"].get("currency"),
                       "qualifier": m["value"].get("qualifier"), "date_from": how, "section": m.get("section"),
                       "sentence": text[sent[0]:sent[1]].strip(), "part": part}


def timeline(kb, thing: str, within: Sequence[str] = ()) -> list[dict]:
    """Dated values of a counted thing (COUNT unit) or an amount (MONEY named with the thing), sorted by date.

    within: words that qualify the thing ("projets" + "engagement", "etat"), each to be found, as a word or the
    start of one, in the value's sentence; a part ("231 d'entre eux" ont fait l'objet d'un engagement) is then
    a value too: it is the whole of the thing so qualified."""
    key = unit_key(thing)
    if not key:
        return []
    thing_words = [w for w in key.replace("'", "' ").split() if len(w) > 3]
    cache = _mentions(kb)
    # a counted thing has COUNT values, and amounts merely said near it are not its values: MONEY mentions are read
    # only when no count matches
    found = [m for k in cache.units(key) for m in cache.by_unit[k]]
    if not found:
        found = cache.money(kb, thing_words)
    for doc_id, ms in _by_doc([m for m in found if "_value" not in m]).items():
        _values(kb, doc_id, ms)
    out = [dict(m["_value"]) for m in found if m["_value"] is not None and (within or not m["_value"]["part"])]
    if within:
        out = [v for v in out if _holds(_clause_of(v), within)]
    if any(v["label"] == "COUNT" for v in out):  # a counted thing: amounts merely said near it are not its values
        out = [v for v in out if v["label"] == "COUNT"]
    out.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["doc_id"], x["start"]))
    return out


def _clause_of(v: dict) -> str:
    """The part of a value's sentence between semicolons that holds it ("En France, 2 171 cas sont recensés ; 79
    pays sont touchés pour 22 400 cas déclarés": "79 pays ... déclarés" for 22 400)."""
    parts = v["sentence"].split(";")
    for p in parts:
        if v["text"] in p:
            return p
    return v["sentence"]


def _holds(sentence: str, words: Sequence[str]) -> bool:
    """Whether each of words (folded, singular) starts a word of sentence (its first six letters at most)."""
    have = unit_key(sentence).replace("'", "' ").split()
    return all(any(h.startswith(w[:6]) for h in have) for w in words)


def latest(values: list[dict]) -> dict | None:
    """The most recent dated value (the last one of its date when several); targets dated in the future of their
    document ("date_from": "projection") are not values known at that date."""
    dated = [v for v in values if v["date"] and v.get("date_from") != "projection"]
    return dated[-1] if dated else None
