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

from rapidfuzz import fuzz

from .amounts import is_amount_part
from .counts import FUZZY_MIN, _date_of, _sentence_bounds, is_change_origin, is_part, unit_key

# the COUNT and MONEY mentions of a KB with their unit keys (and, once read, the words of their sentence), kept
# in-process while the KB's documents are unchanged: a timeline then costs a filter, not a scan of the KB
_MENTIONS: dict[tuple[str, str], tuple[int, list[dict]]] = {}


def _mentions(kb, label: str) -> list[dict]:
    key, state = (str(getattr(kb, "path", id(kb))), label), hash(tuple(sorted(kb.document_hashes().items())))
    cached = _MENTIONS.get(key)
    if cached and cached[0] == state:
        return cached[1]
    ms = kb.mentions(label=label)
    texts: dict[str, str] = {}
    for m in ms:
        m["value"] = m["value"] or {}
        m["_unit_key"] = unit_key(m["value"].get("unit") or "")
        if label == "MONEY":
            if m["doc_id"] not in texts:
                row = kb.text_and_date(m["doc_id"])
                texts[m["doc_id"]] = row["text"] if row else ""
            _money_matches(m, texts[m["doc_id"]], [])
    _MENTIONS[key] = (state, ms)
    return ms


def _unit_matches(m: dict, thing_key: str) -> bool:
    k = m["_unit_key"]
    return bool(k) and (k == thing_key or fuzz.ratio(k, thing_key) >= FUZZY_MIN)


def _money_matches(m: dict, text: str, thing_words: list[str]) -> bool:
    if "_sentence_words" not in m:
        s, e = _sentence_bounds(text, m["start"], m["end"])
        m["_sentence_words"] = frozenset(unit_key(text[s:e]).split())
    return bool(thing_words) and all(w in m["_sentence_words"] for w in thing_words)


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
        for m in _mentions(kb, label):
            if label == "COUNT" and not _unit_matches(m, key) \
                    or label == "MONEY" and not all(w in m["_sentence_words"] for w in thing_words):
                continue
            by_doc.setdefault(m["doc_id"], []).append(m)
        if by_doc:
            break
    out = []
    for doc_id, ms in by_doc.items():
        doc = kb.text_and_date(doc_id)
        text, doc_date = doc["text"], doc["date"]
        dates = [{**d, "value": d["value"] or None} for d in kb.mentions(label="DATE", doc_id=doc_id)]
        for m in ms:
            sent = _sentence_bounds(text, m["start"], m["end"])
            if m["label"] == "MONEY":
                if not _money_matches(m, text, thing_words) or is_amount_part(text, m):
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
