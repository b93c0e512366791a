"""What supersedes what: the figures of cited passages for which the KB knows a newer value of the same thing.

``stale_figures(kb, passages)``: counts compared with later counts of the same thing (counts.py), euro amounts with
later totals of the same programme, scope and nature (amounts.py). A passage is anything with ``doc_id``,
``source``, ``start`` and ``end`` (drafting.compose.Passage).
"""
from __future__ import annotations

from . import amounts, counts
from .dated import latest, timeline
from .french import french_amount


def stale_figures(kb, passages: list) -> list[dict]:
    """Figures of the passages for which the KB knows a newer value: counts (COUNT) and euro amounts (MONEY),
    in passage order; each {"label", "text", "value", "unit", "doc_id", "source", "start", "end", "date",
    "newer_value", "newer_date", "newer_doc_id", "newer_text", "newer_sentence", "newer_snippet"}, and for amounts
    also "qualifier", "newer_qualifier", "display" and "newer_display" (in French: "1,36 milliard d'euros")."""
    out: list[dict] = []
    timelines: dict[str, list[dict]] = {}
    scopes: dict[str, tuple[str, list[dict]]] = {}
    for p in passages:
        doc = kb.text_and_date(p.doc_id)
        for m in kb.mentions(label="COUNT", doc_id=p.doc_id):
            if not (p.start <= m["start"] < p.end):
                continue
            unit = (m.get("value") or {}).get("unit")
            if not unit or m["value"].get("count") is None or counts.is_part(doc["text"], m) \
                    or counts.is_change_origin(doc["text"], m):
                continue
            key = counts.unit_key(unit)
            if key not in timelines:
                timelines[key] = timeline(kb, unit)
            values = timelines[key]
            scope = _count_scope(kb, p.doc_id, m["start"], m["end"], scopes)
            # a newer value: the same thing, and not a deputy's figure (a question's figure is not the government's)
            newest = latest([v for v in values if v["doc_id"] == p.doc_id and v["start"] == m["start"]
                                or v.get("section") != "question"
                                and _comparable(scope, _count_scope(kb, v["doc_id"], v["start"], v["end"], scopes))])
            if newest is None or newest["value"] == m["value"]["count"]:
                continue
            own = next((v for v in values if v["doc_id"] == p.doc_id and v["start"] == m["start"]), None)
            own_date = own["date"] if own else doc["date"]
            if own_date and own_date >= newest["date"]:
                continue
            out.append({"label": "COUNT", "text": m["text"], "value": m["value"]["count"], "unit": unit,
                        "doc_id": p.doc_id, "source": p.source, "start": m["start"], "end": m["end"], "date": own_date,
                        "newer_value": newest["value"], "newer_date": newest["date"],
                        "newer_doc_id": newest["doc_id"], "newer_text": newest["text"],
                        "newer_sentence": newest["sentence"], "newer_snippet": _snippet(kb, newest)})
    out += stale_amounts(kb, passages)
    out.sort(key=lambda f: (next((i for i, p in enumerate(passages) if _inside(f, p)), 0), f["start"]))
    return out


def _count_scope(kb, doc_id: str, start: int, end: int,
                 cache: dict[str, tuple[str, list[dict]]]) -> tuple[bool, frozenset, frozenset]:
    """What a count is a count of, beyond its unit: (the unit names a programme, the other programmes and the
    territories named in its sentence). "144 territoires d'industrie" -> (True, {}, {}): the Territoires d'industrie
    named beside it are members of the counted set, not its scope; "61 000 emplois" in a sentence on the
    Hauts-de-France -> (False, {}, {"region:32"})."""
    key, state = str(getattr(kb, "path", id(kb))), kb.state()
    done = _SCOPES.get(key)
    if done is None or done[0] != state:
        done = _SCOPES[key] = (state, {})
    if (doc_id, start, end) not in done[1]:
        done[1][(doc_id, start, end)] = _scope(kb, doc_id, start, end, cache)
    return done[1][(doc_id, start, end)]


# the scope of each count, kept in-process while the KB's documents are unchanged (kb.state())
_SCOPES: dict[str, tuple[tuple, dict[tuple[str, int, int], tuple[bool, frozenset, frozenset]]]] = {}


def _scope(kb, doc_id: str, start: int, end: int,
           cache: dict[str, tuple[str, list[dict]]]) -> tuple[bool, frozenset, frozenset]:
    if doc_id not in cache:
        row = kb.text_and_date(doc_id)
        ents = [e for e in kb.mentions(doc_id=doc_id) if e["label"] in ("PROGRAMME", "TERRITORY") and e.get("entity_id")]
        cache[doc_id] = (row["text"] if row else "", ents)
    text, ents = cache[doc_id]
    unit = [e for e in ents if e["label"] == "PROGRAMME" and start <= e["start"] < end]
    s, e = counts._sentence_bounds(text, start, end)
    named = [x for x in ents if s <= x["start"] < e and x not in unit]
    members = {u["entity_id"].split(":", 1)[1] for u in unit}
    territories = {x["entity_id"] for x in named if x["label"] == "TERRITORY"
                   and not (unit and x["entity_id"].startswith("tdi:"))}
    programmes = {x["entity_id"] for x in named if x["label"] == "PROGRAMME" and x["entity_id"].split(":", 1)[1]
                  not in members}
    return bool(unit), frozenset(programmes), frozenset(territories)


def _comparable(a: tuple, b: tuple) -> bool:
    """Two counts of the same unit count the same thing: the same territories named, and a unit that names the
    programme or the same programmes named. A generic unit ("emplois", "communes") with no programme is never
    compared: a newer count of jobs elsewhere does not make a figure out of date."""
    if a[2] != b[2]:
        return False
    return (a[0] and b[0]) or (bool(a[1]) and a[1] == b[1])


def _inside(figure: dict, p) -> bool:
    return figure["doc_id"] == p.doc_id and p.start <= figure["start"] < p.end


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def stale_amounts(kb, passages: list) -> list[dict]:
    """Euro amounts of the passages for which the KB knows a later, different amount of the same thing.

    Conservative: the amount must be dated (and not said of an earlier year than its document's); the newer one
    must come from another document (not from a question), have a strictly later date and the same key (programmes,
    scope, nature, object: figures/amounts.py); its interval ("plus de 1 milliard" allows up to 1,5 milliard) must not
    meet the cited one, and the amounts of its date must agree with one another.
    """
    own = [f for f in amounts.amount_facts(kb, {p.doc_id for p in passages}) if any(_inside(f, p) for p in passages)]
    programmes = {e for f in own for e in f["key"][0] if e.startswith("programme:")}
    others = amounts.amount_facts(kb, kb.documents_naming(programmes)) if own else []
    excluded = set(amounts.amount_rules()["newer_sections_excluded"])
    out = []
    for f in own:
        if not f["date"] or (f["date_from"] == "sentence" and f["doc_date"] and f["date"][:4] < f["doc_date"][:4]):
            continue                        # undated, or a past value stated as such ("en 2018, ... était doté de")
        later = [o for o in others if o["key"] == f["key"] and o["doc_id"] != f["doc_id"] and o["date"]
                 and o["date"] > f["date"] and o["section"] not in excluded]
        if not later:
            continue
        last = max(o["date"] for o in later)
        newest = sorted((o for o in later if o["date"] == last), key=lambda o: (o["doc_id"], o["start"]))
        if any(not _meet(a["interval"], b["interval"]) for a in newest for b in newest) \
                or _meet(newest[-1]["interval"], f["interval"]):
            continue                        # the newest sources disagree, or the cited amount still holds
        n = newest[-1]
        p = next(p for p in passages if _inside(f, p))
        out.append({"label": "MONEY", "text": f["text"], "value": f["value"], "unit": f["currency"],
                    "qualifier": f["qualifier"], "display": french_amount(f["value"], f["qualifier"], f["amount_max"]),
                    "doc_id": f["doc_id"], "source": p.source, "start": f["start"], "end": f["end"], "date": f["date"],
                    "newer_value": n["value"], "newer_qualifier": n["qualifier"],
                    "newer_display": french_amount(n["value"], n["qualifier"], n["amount_max"]),
                    "newer_date": n["date"], "newer_doc_id": n["doc_id"], "newer_text": n["text"],
                    "newer_sentence": n["sentence"], "newer_snippet": _snippet(kb, n)})
    return out


def _snippet(kb, value: dict, width: int = 70) -> str:
    """The words around a value in its document: "… qui passent de 141 à 144 territoires d'industrie …"."""
    row = kb.text_and_date(value["doc_id"])
    if row is None:
        return value["text"]
    text = row["text"]
    s, e = max(0, value["start"] - width), min(len(text), value["end"] + width // 2)
    while s > 0 and not text[s - 1].isspace() and value["start"] - s < width + 20:
        s -= 1
    while e < len(text) and not text[e].isspace() and e - value["end"] < width:
        e += 1
    out = " ".join(text[s:e].replace("*", "").split())
    return ("… " if s > 0 else "") + out + (" …" if e < len(text) else "")
