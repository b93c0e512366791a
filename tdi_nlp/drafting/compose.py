"""Composition of a draft answer: opening, cited passages of past answers, figures to check, sources.

Passages are sentences of the retrieved answers that share the most (idf-weighted) terms with the question,
deduplicated, kept in source order then text order; a passage naming only other territories than the question's
is flagged. A figure of a passage is listed under "Chiffres à vérifier" when the KB knows a newer value of the
same counted thing, or a later and different euro amount of the same thing: same programmes, same scope (a total,
an amount per year...), same nature (an envelope, an amount spent), not a part (see kb/amounts.py).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import RESOURCES_DIR
from ..kb import amounts
from ..kb import timeline as tl
from . import analysis

TEMPLATES_PATH = RESOURCES_DIR / "drafting" / "templates.toml"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
DUPLICATE_OVERLAP = 0.6
MIN_RELATIVE_RELEVANCE = 0.3  # a passage scoring under this share of the best one is left out


@lru_cache(maxsize=1)
def templates() -> dict:
    with open(TEMPLATES_PATH, "rb") as fh:
        t = tomllib.load(fh)
    t["_skip"] = [re.compile(p, re.I) for p in t["skip"]["patterns"]]
    return t


def french_date(iso: str | None) -> str:
    if not iso or not re.match(r"\d{4}-\d{2}-\d{2}", iso):
        return iso or "date inconnue"
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"


def opening(*ministries: str | None) -> str:
    """The opening of the first ministry name (or address of the question) that a rule matches."""
    t = templates()
    for ministry in ministries:
        words = set(re.findall(r"[a-z]+(?:-[a-z]+)*", analysis.fold(ministry or "")))
        for rule in t["opening"]:
            if all(w in words for w in rule["words"]):
                return rule["text"]
    return t["default_opening"]


_ADDRESS = re.compile(r"\b(?:ministre|secr[ée]taire d'[ÉE]tat|minist[èe]re)\b[^.?!;:]{0,120}?"
                      r"(?=\s+(?:sur|concernant|quant|à propos|au sujet)\b|[.?!;:,]|$)", re.I)


def addressee(question: str) -> str | None:
    """The minister a question is addressed to, as written ("Mme la secrétaire d'État auprès du ministre de ...")."""
    m = _ADDRESS.search(question[:600])
    return m.group() if m else None


def citation(entry: dict) -> str:
    """"Question écrite n° 17519 de M. X, réponse publiée au JO le 16 avril 2019 (id)"."""
    kind = {"QG": "Question au Gouvernement", "QE": "Question écrite", "QOSD": "Question orale"}.get(
        entry.get("type") or "", "Question écrite" if entry.get("kind") == "written_question" else "Question")
    parts = [kind + (f" n° {entry['number']}" if entry.get("number") else "")]
    if entry.get("author"):
        parts.append(f"de {entry['author']}")
    if entry.get("title"):
        parts.append(f"« {entry['title']} »")
    text = " ".join(parts)
    if entry.get("jo_date"):
        text += f", réponse publiée au JO le {french_date(entry['jo_date'])}"
    if entry.get("answered_by"):
        text += f" ({entry['answered_by']})"
    return text + f" [{entry.get('uid') or entry['id']}]"


@dataclass
class Passage:
    source: int          # 1-based rank of the source
    doc_id: str
    start: int
    end: int
    text: str
    score: float
    flags: list[str] = field(default_factory=list)


MIN_SOURCE_SCORE = 0.6  # passages come only from sources scoring at least this share of the best one


def _sentence_score(sent_terms: list[str], q_terms: set[str], idf) -> float:
    shared = set(sent_terms) & q_terms
    if not shared:
        return 0.0
    return sum(idf(t) for t in shared) / (1.0 + 0.02 * len(sent_terms))


def select_passages(kb, hits, question: str, index, max_passages: int = 6, per_source: int = 3) -> list[Passage]:
    t = templates()
    q_terms = set(analysis.terms(question))
    idf = index.bm25_a.idf_of
    candidates = []
    top = hits[0].score if hits else 0.0
    for rank, hit in enumerate(hits, 1):
        if hit.score < top * MIN_SOURCE_SCORE:  # a distant source brings off-topic passages
            continue
        doc = kb.document(hit.entry["id"])
        if doc is None:
            continue
        for sec in doc["sections"]:
            if sec["kind"] != "answer":
                continue
            body = doc["text"][sec["start"]:sec["end"]]
            for s, e in analysis.sentences(body, sec["start"]):
                text = doc["text"][s:e]
                if len(text) < t["skip"]["min_chars"] or (sec.get("title") and text == sec["title"]) \
                        or any(p.search(text) for p in t["_skip"]):
                    continue
                terms = analysis.terms(text)
                rel = _sentence_score(terms, q_terms, idf)
                if rel > 0:
                    candidates.append((rel * (0.5 + hit.score), rank, s, e, text, terms, hit.entry["id"]))
    candidates.sort(key=lambda c: -c[0])
    floor = candidates[0][0] * MIN_RELATIVE_RELEVANCE if candidates else 0.0
    chosen, used, per = [], [], {}
    for score, rank, s, e, text, terms, doc_id in candidates:
        if score < floor:
            break
        if per.get(rank, 0) >= per_source:
            continue
        ts = set(terms)
        if any(len(ts & u) / max(min(len(ts), len(u)), 1) >= DUPLICATE_OVERLAP for u in used):
            continue
        chosen.append(Passage(rank, doc_id, s, e, text, round(score, 4)))
        used.append(ts)
        per[rank] = per.get(rank, 0) + 1
        if len(chosen) >= max_passages:
            break
    chosen.sort(key=lambda p: (p.source, p.start))
    return chosen


def _regions(kb, ids: set[str]) -> set[str]:
    out = set()
    for i in ids:
        e = kb.entity(i)
        region = (e or {}).get("data", {}).get("region") if e else None
        if region:
            out.add(f"region:{region}")
    return out


def flag_territories(kb, passages: list[Passage], asked: set[str]) -> None:
    """Flag passages that name territories, none of them the question's (or within the question's region)."""
    asked = {a for a in asked if not a.startswith("country:")}
    if not asked:
        return
    asked_regions = _regions(kb, asked) | {a for a in asked if a.startswith("region:")}
    names = {}
    for a in asked:
        e = kb.entity(a)
        names[a] = e["canonical"] if e else a
    for p in passages:
        found = {m["entity_id"]: m["text"] for m in kb.mentions(label="TERRITORY", doc_id=p.doc_id)
                 if m.get("entity_id") and p.start <= m["start"] < p.end and not m["entity_id"].startswith("country:")}
        if not found or set(found) & asked:
            continue
        if _regions(kb, set(found)) & asked_regions or set(found) & asked_regions:
            continue
        p.flags.append(templates()["territory_flag"].format(
            places=", ".join(sorted(set(found.values()))), asked=", ".join(sorted(names.values()))))


def stale_figures(kb, passages: list[Passage]) -> list[dict]:
    """Figures of the passages for which the KB knows a newer value: counts (COUNT) and euro amounts (MONEY),
    in passage order; each {"label", "text", "value", "unit", "doc_id", "source", "start", "end", "date",
    "newer_value", "newer_date", "newer_doc_id", "newer_text", "newer_sentence", "newer_snippet"}, and for amounts
    also "qualifier", "newer_qualifier", "display" and "newer_display" (in French: "1,36 milliard d'euros")."""
    out, timelines, scopes = [], {}, {}
    for p in passages:
        doc = kb.con.execute("SELECT text, date FROM documents WHERE id = ?", (p.doc_id,)).fetchone()
        for m in kb.mentions(label="COUNT", doc_id=p.doc_id):
            if not (p.start <= m["start"] < p.end):
                continue
            unit = (m.get("value") or {}).get("unit")
            if not unit or m["value"].get("count") is None or tl.is_part(doc["text"], m) \
                    or tl.is_change_origin(doc["text"], m):
                continue
            key = tl.unit_key(unit)
            if key not in timelines:
                timelines[key] = tl.timeline(kb, unit)
            values = timelines[key]
            scope = _count_scope(kb, p.doc_id, m["start"], m["end"], scopes)
            # a newer value: the same thing, and not a deputy's figure (a question's figure is not the government's)
            newest = tl.latest([v for v in values if v["doc_id"] == p.doc_id and v["start"] == m["start"]
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


def _count_scope(kb, doc_id: str, start: int, end: int, cache: dict) -> tuple[bool, frozenset, frozenset]:
    """What a count is a count of, beyond its unit: (the unit names a programme, the other programmes and the
    territories named in its sentence). "144 territoires d'industrie" -> (True, {}, {}): the Territoires d'industrie
    named beside it are members of the counted set, not its scope; "61 000 emplois" in a sentence on the
    Hauts-de-France -> (False, {}, {"region:32"})."""
    if doc_id not in cache:
        row = kb.con.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        ents = [e for e in kb.mentions(doc_id=doc_id) if e["label"] in ("PROGRAMME", "TERRITORY") and e.get("entity_id")]
        cache[doc_id] = (row["text"] if row else "", ents)
    text, ents = cache[doc_id]
    unit = [e for e in ents if e["label"] == "PROGRAMME" and start <= e["start"] < end]
    s, e = tl._sentence_bounds(text, start, end)
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


def _inside(figure: dict, p: Passage) -> bool:
    return figure["doc_id"] == p.doc_id and p.start <= figure["start"] < p.end


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def stale_amounts(kb, passages: list[Passage]) -> list[dict]:
    """Euro amounts of the passages for which the KB knows a later, different amount of the same thing.

    Conservative: the amount must be dated (and not said of an earlier year than its document's); the newer one
    must come from another document (not from a question), have a strictly later date and the same key (programmes,
    scope, nature, object: kb/timeline.py); its interval ("plus de 1 milliard" allows up to 1,5 milliard) must not
    meet the cited one, and the amounts of its date must agree with one another.
    """
    own = [f for f in amounts.amount_facts(kb, {p.doc_id for p in passages}) if any(_inside(f, p) for p in passages)]
    programmes = {e for f in own for e in f["key"][0] if e.startswith("programme:")}
    others = amounts.amount_facts(kb, amounts.documents_naming(kb, programmes)) if own else []
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


CURRENCY_WORDS = {"EUR": "euros", "USD": "dollars", "GBP": "livres sterling", "CHF": "francs suisses"}
QUALIFIER_WORDS = {">": "plus de", ">=": "au moins", "<": "moins de", "<=": "jusqu'à", "~": "environ"}
SCALES = ((1e9, "milliard"), (1e6, "million"))


def _fr_decimal(x: float, places: int = 3) -> str:
    """1.36 -> "1,36", 150000 -> "150 000"; with places=2 a fraction keeps its cents (1500.5 -> "1 500,50")."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ")
    text = f"{x:,.{places}f}"
    text = text if places == 2 else text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def _fr_number(x: float) -> tuple[str, bool]:
    """(French number, scaled): 1.36e9 -> ("1,36 milliard", True), 150000 -> ("150 000", False)."""
    for scale, word in SCALES:
        if abs(x) >= scale:
            n = round(x / scale, 3)
            return f"{_fr_decimal(n)} {word}{'s' if n >= 2 else ''}", True
    return _fr_decimal(x, places=2), False


def french_amount(amount: float, qualifier: str | None = "=", amount_max: float | None = None,
                  currency: str = "EUR") -> str:
    """1.36e9 -> "1,36 milliard d'euros"; ">" 1e9 -> "plus d'un milliard d'euros"; 150000 -> "150 000 euros"."""
    unit = CURRENCY_WORDS.get(currency, currency)
    low, scaled = _fr_number(amount)
    text = low
    if amount_max is not None and amount_max != amount:
        high, scaled = _fr_number(amount_max)
        text = f"entre {low} et {high}"
    text = re.sub(r"^1 (milli(?:on|ard))", r"un \1", text)
    text += (" d'" if scaled else " ") + unit
    words = QUALIFIER_WORDS.get(qualifier or "=")
    if words and amount_max is None:
        text = (words[:-1] + "'" if words.endswith(" de") and text.startswith("un ") else words + " ") + text
    return text


def _snippet(kb, value: dict, width: int = 70) -> str:
    """The words around a value in its document: "… qui passent de 141 à 144 territoires d'industrie …"."""
    row = kb.con.execute("SELECT text FROM documents WHERE id = ?", (value["doc_id"],)).fetchone()
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


def render(question: str, question_ministry: str | None, hits, passages: list[Passage], stale: list[dict]) -> str:
    t = templates()
    lines = [f"**{t['title']}**", "", f"_{t['warning']}_", ""]
    if not hits:
        return "\n".join(lines + [t["no_source"]]) + "\n"
    best = hits[0].entry
    lines += [opening(question_ministry, addressee(question), best.get("ministry"), best.get("minister")), ""]
    for p in passages:
        lines.append(f"{p.text} [{p.source}]")
        for f in p.flags:
            lines.append(f"> {f}")
        lines.append("")
    if stale:
        lines += [f"### {t['stale_heading']}", ""]
        for s in stale:
            evidence = s["newer_snippet"]
            line = t["stale_line" if s["newer_date"] else "stale_line_undated"].format(
                text=s["text"], ref=s["source"], newer=s.get("newer_display") or _fmt_value(s["newer_value"]),
                date=french_date(s["newer_date"]),
                source=s["newer_doc_id"], evidence=evidence)
            lines.append(f"- {line}")
        lines.append("")
    lines += [f"### {t['sources_heading']}", ""]
    for rank, h in enumerate(hits, 1):
        lines.append(f"{rank}. {citation(h.entry)} — score {h.score:.3f}")
    return "\n".join(lines) + "\n"


def _fmt_value(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}".replace(",", " ") if isinstance(v, int) else str(v)
