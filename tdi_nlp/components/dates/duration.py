"""DURATION facts ("pendant un an", "sur 2 ans", "dix-huit mois") and the amounts they are built from."""
from __future__ import annotations

import re

from text_to_num import text2num

from . import values as V
from .context import Context, Fact, _g, key
from .grammar import Candidate


def amount(text: str | None) -> float | None:
    if text is None:
        return None
    t = key(text)
    if t in ("quelques", "plusieurs", "des"):
        return None
    if re.fullmatch(r"\d+(?:[,.]\d+)?", t):
        return float(t.replace(",", "."))
    if t in ("un", "une"):
        return 1.0
    try:
        return float(text2num(t, "fr"))
    except ValueError:
        return -1.0


def r_duration(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    approx = "approx" if _g(m, "approx") else None
    if _g(m, "fixed"):
        iso, amt, unit = ctx.fixed[key(m.group("fixed"))]
        return [Fact(c.start, c.end, "DURATION", {"duration": iso, "amount": amt, "unit": unit, **({"mod": approx} if approx else {})})]
    n = amount(_g(m, "n"))
    if key(_g(m, "n") or "") == "des" and key(m.group("u")) not in ctx.lex["vague_plural_units"]:
        return []
    if n is not None and n < 0:
        return []
    if n is not None and _g(m, "half"):
        n += 0.5
    unit = ctx.units[key(m.group("u"))]
    if unit == "day" and key(_g(m, "n") or "") == "un" and not ctx.preceded_by(c.start, ctx.lex["duration_cues"]):
        return []  # "un jour" (someday)
    if unit == "year" and (is_age(c, ctx) or _age_at(c, ctx, n)):
        return []
    return [Fact(c.start, c.end, "DURATION", V.duration(n, unit, mod=approx))]


_AT = re.compile(r"(?:^|[\s(])(?:à|dès|avant|après|jusqu'à|jusqu’à)\s*$")
_POSSESSIVE = re.compile(r"(?:^|\s)(?:ses|leurs|mes|nos|vos|tes)\s*$", re.I)


def _age_at(c: Candidate, ctx: Context, n: float | None) -> bool:
    """'la retraite à 64 ans', 'depuis ses 25 ans': an age (15 years or more after 'à'; any after a possessive)."""
    before = ctx.text[max(0, c.start - 12):c.start]
    return bool(_POSSESSIVE.search(before)) or (n is not None and n >= 15 and bool(_AT.search(before)))


def is_age(c: Candidate, ctx: Context) -> bool:
    """'Alain Parmentier, 53 ans,', 'âgé de 54 ans', 'une fillette de 6 ans', 'les 6-16 ans': ages, not durations."""
    if ctx.preceded_by(c.start, ctx.lex["age_cues"]) or re.search(r"\d\s*[-–]\s*$", ctx.text[max(0, c.start - 3):c.start]):
        return True
    before = ctx.text[max(0, c.start - 40):c.start]
    if re.search(r"[A-ZÀ-Ý][\w-]+,\s*$", before) and re.match(r"\s*,", ctx.text[c.end:]):
        return True
    before = before.replace("’", "'")
    noun = re.search(r"([\w-]+)\s+(?:de|d')\s*$", before)
    if noun is not None and (noun.group(1).lower() in ctx.lex["age_nouns"] or noun.group(1)[0].isupper()):
        return True
    # "un chauffeur de bus de 38 ans": the person noun before a complement
    noun = re.search(r"([\w-]+)\s+(?:de|d'|du|des)\s*[\w-]+\s+(?:de|d')\s*$", before)
    return noun is not None and noun.group(1).lower() in ctx.lex["age_nouns"]
