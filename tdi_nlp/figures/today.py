"""Today's figure for a request: the latest value the KB's timeline knows of the thing a count or amount request asks.

"le nombre de territoires d'industrie labellisés à ce jour" -> the thing "territoires d'industrie labellisés à ce
jour", tried whole, then cut before its prepositions and participles ("territoires d'industrie"), longest first; the
first that has dated values (counts: a COUNT unit matching it; amounts: a MONEY sentence naming all its words) gives
the latest value not said in a question (a deputy's figure is not the government's) and not a target.
"""
from __future__ import annotations

import re

from .counts import unit_key
from .dated import latest, timeline
from .french import french_amount

_LEAD = re.compile(r"^(?:le|les|la|l')\s*(?:nombre|montant|montants|total|effectif)\s+(?:total\s+)?"
                   r"(?:de la|de l'|des|du|de|d')\s*|^combien\s+(?:de|d')\s*", re.I)
_CUT = {"à", "a", "en", "dans", "par", "pour", "depuis", "sur", "au", "aux", "ayant", "qui", "dont", "au", "vers",
        "avec", "entre", "chaque", "effectivement", "déjà", "ce", "cette"}
MAX_TRIES = 4


def thing_of(clause: str) -> str | None:
    """The counted thing or amount of a request clause, or None when the clause asks no count or amount."""
    m = _LEAD.match(clause.strip())
    return clause.strip()[m.end():].strip(" .,;") if m else None


def candidates(thing: str, min_words: int) -> list[str]:
    """The thing whole, then cut before each preposition or participle, longest first."""
    words = thing.split()
    out = [thing]
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() in _CUT or re.match(r"\w+(?:és|ées|é|ée)$", words[i]):
            head = words[:i]
            while head and head[-1].lower() in _CUT:
                head = head[:-1]
            text = " ".join(head).rstrip(" ,")
            if len([w for w in head if len(w) > 3 or "'" in w]) >= min_words and text not in out:
                out.append(text)
    return out[:MAX_TRIES]


def today_figure(kb, clause: str, kind: str) -> dict | None:
    """{"value", "display", "date", "doc_id", "sentence", "text", "thing"} of the latest value the KB knows for a
    count or amount request, or None."""
    thing = thing_of(clause)
    if kind not in ("count", "amount") or not thing:
        return None
    for cand in candidates(thing, 2):
        if len(unit_key(cand).split()) < (1 if kind == "count" else 2):
            continue
        values = [v for v in timeline(kb, cand) if v.get("section") != "question"
                  and (v["label"] == "COUNT") == (kind == "count")]
        best = latest(values)
        if best is None:
            continue
        if best["label"] == "MONEY":
            display = french_amount(best["value"], best.get("qualifier"))
        else:
            display = best["text"]
        return {**best, "display": display, "thing": cand}
    return None
