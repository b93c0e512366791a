"""Euro amounts: what makes two amounts values of the same thing, for the "Chiffres à vérifier" of draft answers.

``amount_facts(kb, doc_ids)``: the euro amounts of documents with the programmes named, the scope (total or per
year/territory...), the nature (envelope or spent) and the object. Rules: resources/drafting/amounts.toml.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from ..config import RESOURCES_DIR
from .counts import _date_of, _sentence_bounds, _singular, _starts_with, _words, fold, is_change_origin
from .counts import rules as timeline_rules

AMOUNT_RULES_PATH = RESOURCES_DIR / "drafting" / "amounts.toml"


@lru_cache(maxsize=1)
def amount_rules() -> dict:
    with open(AMOUNT_RULES_PATH, "rb") as fh:
        r = tomllib.load(fh)
    r["_breaks"] = re.compile("|".join(re.escape(b) for b in r["clause_breaks"]), re.I)
    return r


def _clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence around [start, end) between two clause breaks ("; ", " dont ", ...)."""
    s, e = sentence
    left, right = s, e
    for m in amount_rules()["_breaks"].finditer(text, s, e):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def _has(words: list[str], phrase: str) -> bool:
    pw = _words(phrase)
    return any(words[i:i + len(pw)] == pw for i in range(len(words) - len(pw) + 1)) if pw else False


def _ends_near(words: list[str], phrases: list[str], slack: int = 2) -> bool:
    """A phrase ending at most slack words before the end ("dont plus de": "dont" still counts)."""
    return any(_has(words[-(len(_words(p)) + slack):], p) for p in phrases)


def is_amount_part(text: str, m: dict) -> bool:
    """True for a share or an increment of a larger amount: "dont 500 millions", "100 millions supplémentaires"."""
    r = amount_rules()
    before = _words(text[max(0, m["start"] - 40):m["start"]])
    after = _words(text[m["end"]:m["end"] + 40])
    return _ends_near(before, r["part_before"]) or _starts_with(after, r["part_after"])


def amount_scope(clause_words: list[str], sentence_words: list[str]) -> str | None:
    """"total", a scope such as "per_year" or "local" (cues in the rules), None when cues of several scopes occur."""
    found = {s["name"] for s in amount_rules()["scope"]
             if any(_has(sentence_words if s.get("reach") == "sentence" else clause_words, c) for c in s["cues"])}
    return "total" if not found else (found.pop() if len(found) == 1 else None)


def scope_comparable(scope: str | None) -> bool:
    if scope == "total":
        return True
    return any(s["name"] == scope and s["comparable"] for s in amount_rules()["scope"])


def amount_nature(clause_words: list[str]) -> str | None:
    """"envelope" (planned, the default), "done" (committed, paid) or None (cues of both)."""
    found = {n for n, cues in amount_rules()["nature"].items() if any(_has(clause_words, c) for c in cues)}
    return None if len(found) > 1 else (found.pop() if found else "envelope")


def amount_object(text: str, end: int) -> str | None:
    """The noun after the amount: "1 milliard d'euros de prêts" -> "pret" (None when absent or generic)."""
    r = amount_rules()
    m = re.match(r"\s*(?:de|d')\s*([^\W\d_]+'?)", fold(text[end:end + 40]))
    if not m or m.group(1) in r["object_stopwords"]:
        return None
    word = _singular(m.group(1))
    return None if word in r["generic_objects"] else word


def _is_change(text: str, m: dict) -> bool:
    """"passe de 1,36 milliard à 2 milliards": a range after a change verb is a change."""
    before = _words(text[max(0, m["start"] - 40):m["start"]])
    return _ends_near(before, amount_rules()["change_verbs"], slack=3)


def amount_interval(value: dict) -> tuple[float, float]:
    """The amounts a mention allows: "plus de 1 milliard" -> (1e9, 1.5e9) (tolerances in the rules file)."""
    tol = amount_rules()["tolerance"]
    low = float(value["amount"])
    high = float(value.get("amount_max") or low)
    q = value.get("qualifier") or "="
    if q in (">", ">="):
        return low, high * (1 + tol["bound"])
    if q in ("<", "<="):
        return low * (1 - tol["bound"]), high
    if q == "~":
        return low * (1 - tol["approx"]), high * (1 + tol["approx"])
    return low * (1 - tol["exact"]), high * (1 + tol["exact"])


_QUALIFIER_WORDS = {"plus", "moins", "de", "d'", "pres", "environ", "quelque"}


def _is_clause_subject(text: str, e: dict, clause_start: int) -> bool:
    """The programme mention heads its phrase: "Le plan X", "le programme « X »", ", plan X", "l'enveloppe du plan
    X" (not "le volet export du plan X")."""
    r = amount_rules()
    tokens = re.findall(r"[a-z0-9]+'?|[,;:(—–-]", fold(text[clause_start:e["start"]]))
    while tokens and tokens[-1] in r["owner_heads"]:
        tokens.pop()
    if not tokens or not tokens[-1][0].isalnum() or tokens[-1] in r["owner_determiners"]:
        return True
    if tokens[-1] in ("la", "l'") and tokens[-2:-1] == ["de"]:
        tokens.pop()
    return len(tokens) > 1 and tokens[-1] in ("du", "de", "d'") and tokens[-2] in r["owner_nouns"]


def _owns(text: str, e: dict, m: dict, clause_start: int) -> bool:
    """Whether programme mention e is written as the owner of the whole amount m (rules: owner_*)."""
    r = amount_rules()
    if e["end"] <= m["start"]:
        gap = _words(text[e["end"]:m["start"]])
        allowed = set(r["owner_before"]) | set(r["change_verbs"])
        return 0 < len(gap) <= r["owner_max_gap"] and _is_clause_subject(text, e, clause_start) \
            and all(w in allowed or re.fullmatch(r"(19|20)\d\d", w) for w in gap)
    if e["start"] >= m["end"]:
        gap = _words(text[m["end"]:e["start"]])
        before = [w for w in _words(text[max(0, m["start"] - 30):m["start"]]) if w not in _QUALIFIER_WORDS]
        return bool(before) and before[-1] in r["owner_articles"] and len(gap) <= 3 \
            and all(w in r["owner_after"] for w in gap)
    return False


def _subject(text: str, m: dict, ents: list[dict], clause: tuple[int, int],
             sentence: tuple[int, int]) -> tuple[str, ...]:
    """What an amount is the total of: the programmes written as its owner in its clause, with the funders named in
    the clause (operators, ministries) and the territories named in the sentence (a regional amount is another
    thing than the national one). Empty when no programme owns the amount."""
    def inside(e, span):
        return span[0] <= e["start"] and e["end"] <= span[1]
    programmes = {e["entity_id"] for e in ents if e["label"] == "PROGRAMME" and inside(e, clause)
                  and _owns(text, e, m, clause[0])}
    if not programmes:
        return ()
    kinds = amount_rules()["subject_org_kinds"]
    orgs = {e["entity_id"] for e in ents if e["label"] == "ORG" and inside(e, clause)
            and (e["value"] or {}).get("kind") in kinds}
    places = {e["entity_id"] for e in ents if e["label"] == "TERRITORY" and inside(e, sentence)
              and not e["entity_id"].startswith("country:")}
    return tuple(sorted(programmes | orgs | places))


def amount_facts(kb, doc_ids) -> list[dict]:
    """The euro amounts of the documents that are totals of something a programme names, with their comparison key.

    Each: {"doc_id", "start", "end", "text", "value" (amount), "qualifier", "interval", "currency", "section",
    "date", "date_from", "doc_date", "sentence", "key": (subject, scope, nature, object)}. Parts, increments, change
    origins and amounts that no programme owns ("le programme X est doté de", "les N d'euros du plan X") are left
    out; a sentence date later than the document's is a target, so the document's date is used then.
    """
    key, state = str(getattr(kb, "path", id(kb))), kb.state()
    cached = _FACTS.get(key)
    if cached is None or cached[0] != state:
        cached = _FACTS[key] = (state, {})
    out = []
    for doc_id in sorted(set(doc_ids)):
        if doc_id not in cached[1]:
            cached[1][doc_id] = _doc_facts(kb, doc_id)
        out += cached[1][doc_id]
    return out


# the amount facts of each document, kept in-process while the KB's documents are unchanged (kb.state()); read only
_FACTS: dict[str, tuple[tuple, dict[str, list[dict]]]] = {}


def _with_change_origin(text: str, m: dict, rows: list[dict]) -> dict:
    """The target Y of "passe de X à Y" written as two amounts starts, for its owner, where X does."""
    for o in rows:
        if o["label"] == "MONEY" and o["end"] <= m["start"] and is_change_origin(text, o) \
                and all(w in timeline_rules()["change_to"] for w in _words(text[o["end"]:m["start"]]) or ["?"]):
            return {**m, "start": o["start"]}
    return m


def _doc_facts(kb, doc_id: str) -> list[dict]:
    out: list[dict] = []
    doc = kb.text_and_date(doc_id)
    if doc is None:
        return out
    text, doc_date = doc["text"], doc["date"]
    rows = [{**r, "value": r["value"] or {}} for r in kb.mentions(doc_id=doc_id)
            if r["label"] in ("MONEY", "DATE", "PROGRAMME", "ORG", "TERRITORY")]
    ents = [r for r in rows if r["label"] in ("PROGRAMME", "ORG", "TERRITORY") and r["entity_id"]]
    dates = [r for r in rows if r["label"] == "DATE"   # not "demain" of "Petites villes de demain"
             and not any(e["start"] < r["end"] and r["start"] < e["end"] for e in ents)]
    for m in (r for r in rows if r["label"] == "MONEY"):
        value = dict(m["value"])
        if value.get("amount") is None or value.get("currency") != "EUR":
            continue
        if value.get("amount_max") is not None and _is_change(text, m):
            value.update(amount=value["amount_max"], amount_max=None, qualifier="=")
        elif is_amount_part(text, m) or is_change_origin(text, m):
            continue
        sentence = _sentence_bounds(text, m["start"], m["end"])
        clause = _clause_bounds(text, m["start"], m["end"], sentence)
        subject = _subject(text, _with_change_origin(text, m, rows), ents, clause, sentence)
        scope = amount_scope(_words(text[clause[0]:clause[1]]), _words(text[sentence[0]:sentence[1]]))
        nature = amount_nature(_words(text[clause[0]:clause[1]]))
        if not subject or not scope_comparable(scope) or nature is None:
            continue
        date, how = _date_of(m, sentence, dates, doc_date)
        if date and doc_date and how == "sentence" and date > doc_date:
            date, how = doc_date, "document"
        out.append({"doc_id": doc_id, "start": m["start"], "end": m["end"], "text": m["text"],
                    "label": "MONEY", "value": value["amount"], "qualifier": value.get("qualifier") or "=",
                    "amount_max": value.get("amount_max"), "interval": amount_interval(value),
                    "currency": "EUR", "section": m["section"], "date": date, "date_from": how,
                    "doc_date": doc_date,
                    "sentence": text[sentence[0]:sentence[1]].strip(),
                    "key": (subject, scope, nature, amount_object(text, m["end"]))})
    return out
