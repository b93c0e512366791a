"""The ministry a question is addressed to, read from its text ("Monsieur le ministre de la santé, ...").

The first vocative or "ma question s'adresse à ..." title of the text is matched, at the question's date, against
the AN ministries of the office-holder tables (``resources/people/ministries.tsv``, through
``components.people.kb``) with the same title scoring that resolves "la secrétaire d'État chargée de ..." to its
holder. The result is the AN short label ("Santé et prévention"), the same vocabulary as the "ministère interrogé"
of AN metadata.
A bare "Monsieur le ministre" names no portfolio and gives None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..components.people import kb as people

# A title after a civility, up to the end of the clause; "..., chargé de ..." stays in the title. The civility may be
# lower-case ("..., monsieur le ministre de ..."); "ma question s'adresse à M. Béchu, ministre de ..." skips the name.
_CIVILITY = r"(?:[Mm]onsieur|[Mm]adame|M\.|Mme)"
_NAME = r"(?:[A-ZÉÈ][\w’'-]*\s+){0,3}[A-ZÉÈ][\w’'-]+,\s*"
_TITLE = re.compile(
    rf"(?:\b{_CIVILITY}\s+(?:le|la|l['’])\s*|\bs['’]adress(?:e|ait|era)\s+(?:également\s+|plus\s+particulièrement\s+)?"
    rf"(?:à|au|a)\s+(?:{_CIVILITY}\s+)?(?:(?:le|la|l['’])\s*|{_NAME})?)"
    r"(?P<title>(?:Premi[eè]re?|premi[eè]re?)\s+ministre|(?:[Mm]inistre|secr[ée]taire\s+d['’][ÉEée]tat|garde\s+des\s+sceaux"
    r"|haut[- ]commissaire)(?:[^.?!;:\n«(,…–]|,\s*(?=charg|ministre))*)")
# where a written title may be cut when it does not resolve whole ("ministre de l'intérieur et concerne la ...")
_CUT = re.compile(r"\s+et\s+|,\s*")
_FEMININE = re.compile(r"\b(?:[Mm]adame|Mme|la)\b")
_MASCULINE = re.compile(r"\b(?:[Mm]onsieur|M\.|le)(?=\s)")
MIN_SCORE = 0.6


@dataclass(frozen=True)
class Addressee:
    ministry: str          # AN short label, e.g. "Santé et prévention"
    title: str             # the title as written
    start: int             # offsets of the written title in the text
    end: int
    score: float
    holder: str | None     # person id of the office holder at the date, when resolved


def titles(text: str) -> list[tuple[str, int, int, bool | None]]:
    """Written government titles of the text, in order: (title, start, end, female) where female says whether
    the civility or article is feminine ("Madame la ...": True, "Monsieur le ...": False, unknown: None)."""
    out = []
    for m in _TITLE.finditer(text or ""):
        title = re.sub(r"[\s,]+$", "", m.group("title"))
        lead = text[m.start():m.start("title")]
        female = True if _FEMININE.search(lead) else False if _MASCULINE.search(lead) else None
        out.append((title, m.start("title"), m.start("title") + len(title), female))
    return out


def _ministries_at(date: str | None) -> list[tuple[dict, people.TitleParts]]:
    base = people.kb()
    out = []
    for m in base.ministries:
        if date and not people.active(m, date):
            continue
        office = base.ministry_title(m["label"], m["start"] or None)
        if office:
            out.append((m, people.parse_title(office)))
    return out


def _kind_fits(written: str, office: str) -> bool:
    return office in {"PM": {"PM"}, "SE": {"SE"}, "MD": {"MD", "M"}, "M": {"M", "MD"}, "HC": {"HC", "SE"}}.get(
        written, {written})


def ministry_of_title(title: str, date: str | None) -> tuple[str, float] | None:
    """AN short label of the ministry a written title designates at the date, with its score."""
    q = people.parse_title(title)
    if q.kind != "PM" and not q.all_words():
        return None
    best, best_score = None, 0.0
    for m, parts in _ministries_at(date):
        if not _kind_fits(q.kind, parts.kind):
            continue
        if q.kind == "PM":
            score = 1.0 if parts.kind == "PM" else 0.0
        else:
            score = people.title_score(q, parts)
            if q.kind == "M" and parts.kind == "MD" and not q.charge and not q.aupres:
                score -= 0.1
        if score > best_score or (score == best_score and best and (m["start"] or "") > (best["start"] or "")):
            best, best_score = m, score
    if best is None or best_score < MIN_SCORE:
        return None
    return best["short_label"], best_score


def infer(text: str, date: str | None) -> Addressee | None:
    """The ministry the question is addressed to: the first written title that resolves at the date."""
    for title, start, end, female in titles(text):
        hit = None
        for cut in [len(title)] + [m.start() for m in reversed(list(_CUT.finditer(title)))]:
            hit = ministry_of_title(title[:cut], date)
            if hit:
                title, end = title[:cut], start + cut
                break
        if hit:
            office = people.kb().resolve_title(title, date, female) if date else None
            holder = people.person_id(office[0].person) if office else None
            return Addressee(hit[0], title, start, end, round(hit[1], 3), holder)
    return None


def ministry(text: str, date: str | None, given: str | None = None) -> str | None:
    """The ministry questioned: the one given (AN metadata) when known, else the one inferred from the text."""
    if given:
        return given
    found = infer(text, date)
    return found.ministry if found else None
