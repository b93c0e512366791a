"""Today's figure for a request: the latest value the KB's timeline knows of the thing a count or amount request asks.

"le nombre de territoires d'industrie labellisés à ce jour" -> the thing "territoires d'industrie labellisés à ce
jour", tried whole, then cut before its prepositions and participles ("territoires d'industrie"), longest first; the
first that has dated values (counts: a COUNT unit matching it; amounts: a MONEY sentence naming all its words) gives
the latest value not said in a question (a deputy's figure is not the government's) and not a target. Last, a count
of one noun is tried as that noun qualified by the other words of the thing, which its sentence must hold ("projets
ayant fait l'objet d'un engagement de l'État": "231 d'entre eux ont fait l'objet d'un engagement de l'Etat"). The
words that only say money ("crédits", "moyens", resources/drafting/amounts.toml generic_objects) are left out of an
amount's thing: the amount says them; an amount's sentence must name the thing's words in their order. Anchors (the clause's places and proper names, each a group of names) must
occur in the value's sentence or document, a year in its date.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..text_utils import stop_words
from .amounts import amount_rules
from .counts import anchor_form, fold, unit_key
from .dated import latest, timeline
from .french import french_amount

_LEAD = re.compile(r"^(?:le|les|la|l')\s*(?:nombre|montant|montants|total|effectif)\s+(?:total\s+)?"
                   r"(?:(?:de la|de l'|des|du|de|d')\s*|(?=\w+(?:é|ée|és|ées)\b))|^combien\s+(?:de|d')\s*", re.I)
_CUT = {"à", "a", "en", "dans", "par", "pour", "depuis", "sur", "au", "aux", "ayant", "qui", "dont", "au", "vers",
        "avec", "entre", "chaque", "effectivement", "déjà", "ce", "cette"}
_ARTICLES = {"le", "la", "les", "l'", "de", "des", "du", "d'", "un", "une"}
MAX_TRIES = 4
MAX_HEAD = 4  # words of a qualified head ("territoires d'industrie" + "fragiles")
_QUALIFIER_SKIP = {"ayant", "etant", "fait", "faits", "jour", "date", "total", "totale", "exact", "exacte"}


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
            while head and (head[-1].lower() in _CUT or head[-1].lower() in _ARTICLES):
                head = head[:-1]
            text = " ".join(head).rstrip(" ,")
            if len([w for w in head if len(w) > 3 or "'" in w]) >= min_words and text not in out:
                out.append(text)
    return out[:MAX_TRIES]


def qualified(thing: str) -> list[tuple[str, list[str]]]:
    """(a head, the content words qualifying it) of a thing, longest head first: "projets ayant fait l'objet d'un
    engagement de l'État" -> [..., ("projets", ["objet", "engagement", "etat"])]."""
    words = thing.split()
    out = []
    for i in range(len(words) - 1, 0, -1):
        head = words[:i]
        while head and (head[-1].lower() in _CUT or head[-1].lower() in ("de", "des", "du", "d'", "et")):
            head = head[:-1]
        rest = [w for w in unit_key(" ".join(words[len(head):])).replace("'", "' ").split()
                if len(w) > 3 and w not in stop_words() and w not in _QUALIFIER_SKIP]
        if head and len(head) <= MAX_HEAD and rest and "'" not in head[0] and (" ".join(head), rest) not in out:
            out.append((" ".join(head), rest))
    return out


def _without_money_words(thing: str) -> str:
    generic = set(amount_rules()["generic_objects"])
    kept = [w for w in thing.split() if unit_key(w) not in generic]
    return " ".join(kept) if len(kept) < len(thing.split()) and len(unit_key(" ".join(kept)).split()) >= 2 else thing


def _in_order(sentence: str, thing: str) -> bool:
    """Whether the content words of thing occur in this order in sentence (an amount's sentence names the thing
    itself, not only its words scattered: "l'Etat mobilise ... avec les opérateurs" is another thing)."""
    have = unit_key(sentence).replace("'", "' ").split()
    at = 0
    for w in (w for w in unit_key(thing).replace("'", "' ").split() if len(w) > 3):
        try:
            at = have.index(w, at) + 1
        except ValueError:
            return False
    return True


def _anchored(v: dict, anchors: Sequence[Sequence[str]], kb) -> bool:
    """Whether a timeline value is about each group of anchors: a year its date's, a name in its sentence or
    document."""
    for group in anchors:
        names = [anchor_form(a) for a in group]
        if any(re.fullmatch(r"(?:19|20)\d\d", a) for a in names):
            if not any((v.get("date") or "").startswith(a) for a in names):
                return False
            continue
        if any(a in anchor_form(v["sentence"]) for a in names):
            continue
        row = kb.text_and_date(v["doc_id"])
        if not any(a in anchor_form(row["text"] if row else "") for a in names):
            return False
    return True


def today_figure(kb, clause: str, kind: str, anchors: Sequence[Sequence[str]] = (),
                 near_docs: Collection[str] | None = None) -> dict | None:
    """{"value", "display", "date", "doc_id", "sentence", "text", "thing"} of the latest value the KB knows for a
    count or amount request, or None. anchors: groups of names (or years), each of which the value must be about.
    near_docs: the documents of the request's passages; a weak thing ("salariés concernés", "crédits engagés": fewer
    than two words that tell it, and fewer than two qualifying words) takes its values from them only."""
    thing = thing_of(clause)
    if kind not in ("count", "amount") or not thing:
        return None
    if kind == "amount":
        thing = _without_money_words(thing)
    tries: list[tuple[str, list[str]]] = [(c, []) for c in candidates(thing, 2)]
    if kind == "count":
        tries += qualified(thing)
    for cand, within in tries:
        if len(unit_key(cand).split()) < (1 if kind == "count" else 2):
            continue
        values = [v for v in timeline(kb, cand, within) if v.get("section") != "question"
                  and (v["label"] == "COUNT") == (kind == "count") and _anchored(v, anchors, kb)
                  and (v["label"] == "COUNT" or _in_order(v["sentence"], cand))]
        if near_docs is not None and len(within) < 2 and weak(cand):
            values = [v for v in values if v["doc_id"] in near_docs]
        best = latest(values)
        if best is None:
            continue
        best = _closest([v for v in values if v["date"] == best["date"] and v.get("date_from") != "projection"],
                        cand) or best
        if best["label"] == "MONEY":
            display = french_amount(best["value"], best.get("qualifier"))
        elif set(unit_key(cand).split()) <= set(unit_key(best["text"]).split()):
            display = best["text"]
        else:  # "231 d'entre eux": the number with the thing it counts
            display = f"{best['value']:,}".replace(",", "\u202f") + " " + cand
        return {**best, "display": display, "thing": cand}
    return None


_PARTICIPLE = re.compile(r"\w+(?:é|ée|és|ées)$")


def weak(thing: str) -> bool:
    """Whether a thing has fewer than two words that tell it: words of more than three letters, not participles
    ("concernés", "engagés") nor words that only say money ("crédits")."""
    generic = set(amount_rules()["generic_objects"])
    telling = []
    for w in thing.replace("’", "'").split():
        w = w.split("'", 1)[1] if "'" in w[:3] else w
        key = unit_key(w)
        if len(key) > 3 and key not in stop_words() and key not in generic and not _PARTICIPLE.fullmatch(w.lower()):
            telling.append(key)
    return len(telling) < 2


def _closest(values: list[dict], thing: str) -> dict | None:
    """Of values of one date, the one said closest to the thing's words in its sentence ("300 millions d'euros de
    mesures d'urgence" rather than "repas à 1 euro" later in another sentence of the same answer)."""
    words = [w for w in unit_key(thing).replace("'", "' ").split() if len(w) > 3]
    if len(values) < 2 or not words:
        return None

    def distance(v: dict) -> int:
        sent = unit_key(v["sentence"]).replace("'", "' ")
        at = sent.find(unit_key(v["text"]).replace("'", "' "))
        spots = [m.start() for w in words for m in re.finditer(re.escape(w), sent)]
        return min((abs(p - at) for p in spots), default=10 ** 6) if at >= 0 else 10 ** 6
    return min(values, key=distance)
