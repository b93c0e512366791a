"""Composition of a draft answer: opening, cited passages of past answers, figures to check, sources.

Passages are sentences of the retrieved answers that share the most (idf-weighted) terms with the question,
deduplicated, kept in source order then text order; a passage naming only other territories than the question's
is flagged. A figure of a passage is listed under "Chiffres à vérifier" when the KB knows a newer value of the
same counted thing, or a later and different euro amount of the same thing: same programmes, same scope (a total,
an amount per year...), same nature (an envelope, an amount spent), not a part (see figures/amounts.py).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import RESOURCES_DIR
from ..figures.french import french_amount
from ..figures.superseded import stale_figures  # noqa: F401  (drafting.draft calls compose.stale_figures)
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
    chosen: list[Passage] = []
    used: list[set[str]] = []
    per: dict[int, int] = {}
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


def doc_citation(doc: dict) -> str:
    """"Communiqué de presse « titre » du 24 septembre 2019 [file name]" for a document that is not a question."""
    meta = doc.get("metadata") or {}
    kinds = templates()["document_kinds"]
    text = kinds.get(doc.get("kind") or "", kinds["other"])
    if meta.get("title"):
        text += f" « {meta['title']} »"
    if doc.get("date"):
        text += f" du {french_date(doc['date'])}"
    return text + f" [{meta.get('uid') or doc['id']}]"


def annotate(p: Passage, stale: list[dict]) -> str:
    """The text of a passage with each figure the KB knows to be superseded annotated after it."""
    t = templates()
    marks = sorted((s for s in stale if s["doc_id"] == p.doc_id and p.start <= s["start"] < p.end),
                   key=lambda s: -s["end"])
    text = p.text
    for s in marks:
        at = min(s["end"], p.end) - p.start
        note = t["stale_inline"].format(newer=s.get("newer_display") or _fmt_value(s["newer_value"]),
                                        date=french_date(s["newer_date"]))
        text = text[:at] + note + text[at:]
    return text


def _today(fig: dict, source: str) -> str:
    t = templates()
    return t["today_line" if fig.get("date") else "today_line_undated"].format(
        display=fig["display"], date=french_date(fig.get("date")), source=source,
        evidence=" ".join(fig["sentence"].split())[:200])


def render(question: str, question_ministry: str | None, hits, passages: list[Passage], stale: list[dict],
           requests: list | None = None, already: list[dict] | None = None,
           sources: list[str] | None = None) -> str:
    """The Markdown draft. requests: [(RequestAnswer, [Passage])] (one block per request of the question);
    already: [{"citation", "answer"}]; sources: the citations, numbered as the passages cite them."""
    t = templates()
    lines = [f"**{t['title']}**", "", f"_{t['warning']}_", ""]
    if already:
        lines += [f"### {t['already_heading']}", ""]
        lines += [f"- {t['already_line'].format(**a)}" for a in already]
        lines.append("")
    if not hits and not any(a.found for a, _ in requests or []):
        return "\n".join(lines + [t["no_source"]]) + "\n"
    best = hits[0].entry if hits else {}
    lines += [opening(question_ministry, addressee(question), best.get("ministry"), best.get("minister")), ""]
    for n, (answer, cited) in enumerate(requests or [], 1):
        clause = answer.request.text
        lines += [f"**{n}. {clause[:1].upper() + clause[1:]}**", ""]
        for p in cited:
            lines += [f"{annotate(p, stale)} [{p.source}]"] + [f"> {f}" for f in p.flags] + [""]
        if answer.figure:
            lines += [_today(answer.figure, answer.figure["doc_id"]), ""]
        if not answer.found:
            lines += [t["nothing_found"].format(request=clause), ""]
    if requests and passages:
        lines += [f"### {t['context_heading']}", ""]
    for p in passages:
        lines.append(f"{annotate(p, stale)} [{p.source}]")
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
    for rank, c in enumerate(sources if sources is not None else [citation(h.entry) for h in hits], 1):
        lines.append(f"{rank}. {c}")
    return "\n".join(lines) + "\n"


def _fmt_value(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}".replace(",", " ") if isinstance(v, int) else str(v)


_AUTHOR = re.compile(r"^\s*((?:M\.|Mme|MM\.)\s+[A-ZÀ-Ý][\w'’-]*(?:\s+(?:de\s+|d')?[A-ZÀ-Ý][\w'’-]*){0,3})"
                     r"(?=\s+(?:attire|interroge|appelle|alerte|souhaite|demande|rappelle|signale))")
_NUMBER = re.compile(r"\b(?:question\s+(?:écrite\s+)?)?n[°o]\s*(\d{2,6})\b", re.I)
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def question_header(question: str) -> dict:
    """{"number", "author", "date"} of a question, as far as its text says (None otherwise)."""
    a, n, d = _AUTHOR.search(question), _NUMBER.search(question[:300]), _DATE.search(question[:300])
    return {"number": n.group(1) if n else None, "author": a.group(1) if a else None, "date": d.group(1) if d else None}
