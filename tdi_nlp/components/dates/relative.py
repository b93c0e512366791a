"""DATE facts relative to the document date or to the text: hier, mardi dernier, cette semaine, l'année
prochaine, la fin de l'année, le lendemain, il y a deux ans."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import values as V
from .context import YEAR_SHIFT, Context, Fact, _g, key, plain
from .duration import amount
from .grammar import Candidate


def relative_period(unit: str, offset: int, ctx: Context, c: Candidate) -> dict | None:
    ref = ctx.ref
    if ref is None:
        base = ctx.latest.year if ctx.latest else ctx.last_year
        return V.year(base + offset, True) if unit == "year" and base else None
    if unit == "year":
        return V.year(ref.year + offset, True)
    if unit == "month":
        d = V.add_months(ref.replace(day=1), offset)
        return V.month(d.year, d.month, True)
    if unit == "week":
        return V.week(ref + timedelta(weeks=offset))
    saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5 + 7 * offset)
    if offset == 0 and ctx.tense(c.start, c.end) == "past" and saturday > ref:
        saturday -= timedelta(days=7)
    return V.weekend(saturday)


def rel_year(m: re.Match, c: Candidate, ctx: Context) -> int | None:
    """Year named by a relative expression in group 'ry' ("de l'année prochaine"), else None."""
    text = m.groupdict().get("ry")
    if not text:
        return None
    value = relative_period(*ctx.periods[key(text)], ctx, c)
    return int(value["start"][:4]) if value else None


def season_year(code: str, rel: int | None, ctx: Context, c: Candidate) -> int | None:
    if ctx.ref is None:
        return ctx.latest.year if ctx.latest else ctx.last_year
    ref = ctx.ref
    y = ref.year - (code == "WI" and (ref.month, ref.day) < V.SEASON_END["WI"])
    start = date(y, *V.SEASON_START[code])
    end = date(y + (code == "WI"), *V.SEASON_END[code])
    if rel == 1 and start <= ref:
        y += 1
    elif rel == -1 and end >= ref:
        y -= 1
    elif rel is None and ctx.tense(c.start, c.end) == "past" and start > ref:
        y -= 1
    return y


def r_rel_period(c: Candidate, ctx: Context) -> list[Fact]:
    if re.match(r"\s*-\s*là(?!\w)", ctx.text[c.end:c.end + 6]):
        return []  # "cette année-là": the year of the story, not the document's
    unit, offset = ctx.periods[key(c.match.group("rp"))]
    value = relative_period(unit, offset, ctx, c)
    return [Fact(c.start, c.end, "DATE", value)] if value else []


def r_edge(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    mod = ctx.edges.get(key(_g(m, "mod") or "")) if _g(m, "mod") else None
    if _g(m, "tm"):
        mo, y = ctx.month(m.group("tm")), ctx.year(_g(m, "ty"))
        inferred = y is None
        y = y or (ctx.infer_year(mo, None, None, c) if mo else None)
        anchor = V.month(y, mo, inferred) if y and mo else None
    elif _g(m, "tyear"):
        anchor = V.year(int(m.group("tyear")), False)
    elif _g(m, "trel"):
        anchor = relative_period(*ctx.periods[key(m.group("trel"))], ctx, c)
    elif _g(m, "tunit"):
        unit = {"année": "year", "mois": "month", "semaine": "week"}[key(m.group("tunit"))]
        anchor = relative_period(unit, 0, ctx, c)
    else:
        code = ctx.lex["seasons"].get(key(m.group("ts")))
        y = ctx.year(_g(m, "tsy"))
        inferred = y is None
        y = y or season_year(code, None, ctx, c)
        anchor = V.season(y, code, inferred) if y else None
    if anchor is None:
        return []
    if _g(m, "by") and ctx.convention == "guide" and mod is not None and key(m.group("by")).startswith("avant"):
        return [Fact(m.end("by"), c.end, "DATE", V.narrow(anchor, mod, ctx.lex["edge_spans"]))]  # "avant la fin
        # de l'année 2020" -> "la fin de l'année 2020": "avant" is a preposition, left out (the guide)
    if _g(m, "by") and _g(m, "tyear") and ctx.convention == "guide" and mod is None:
        return [Fact(m.start("tyear"), c.end, "DATE", anchor)]  # "d'ici à 2030" -> "2030", that year (the guide)
    if _g(m, "by"):
        end = date.fromisoformat(anchor["end"])
        start = ctx.ref if ctx.ref and ctx.ref <= end else date.fromisoformat(anchor["start"])
        value = V.period(start, end, "day", anchor["inferred_year"], mod="by")
    elif mod is None:  # never: without "by" the grammar has an edge word ("début", "fin")
        return []
    else:
        value = V.narrow(anchor, mod, ctx.lex["edge_spans"])
    return [Fact(c.start, c.end, "DATE", value)]


def r_anchored(c: Candidate, ctx: Context) -> list[Fact]:
    """'le lendemain', 'la veille': relative to the last day mentioned, else to the document date."""
    base = ctx.last_date or ctx.ref
    if base is None:
        return []
    d = base + timedelta(days=ctx.anchored[key(c.match.group("ax"))])
    return [Fact(c.start, c.end, "DATE", V.day(d, True))]


_DX = r"(?:hier|aujourd['’]hui|demain)"
_GENERIC_PAIR = re.compile(rf"(?i)\bd(?:e\s+|['’]){_DX}\s*(?:,|et|ou|comme|avec|que|qu['’]|à)\s+(?:\w+\s+){{0,2}}"
                           rf"d(?:e\s+|['’]){_DX}")
_OF_INDEFINITE = re.compile(r"(?i)(?<!\w)(?:un|une|des)\s+[^\W\d_]+\s+d(?:e\s+|['’])$")  # "un collégien d'aujourd'hui"
_DETERMINER_AFTER = re.compile(r"(?i)\s+(?:le|la|les|l['’]|un|une|des|notre|nos|leur|leurs)(?!\w)")


def _generic_deictic(c: Candidate, ctx: Context) -> bool:
    """'hier', 'aujourd'hui', 'demain' naming no day (lexicon `generic_deictic_nouns` and the cues beside it)."""
    before = ctx.text[max(0, c.start - 40):c.start]
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", before.lower().replace("’", "'"))
    if _OF_INDEFINITE.search(before) or (re.search(r"(?i)d(?:e\s+|['’])$", before) and len(words) > 1
                                         and words[-2] in ctx.lex["generic_deictic_nouns"]):
        return True
    if key(c.match.group("dx")) == "hier" and _still_then(ctx, c.end):
        return True  # "Hier encore, cette liaison faisait figure d'évidence": until recently, no day
    if key(c.match.group("dx")) != "demain":
        return False
    tail = before.lower().replace("’", "'").rstrip(" ,")
    if any(tail.endswith(w) for w in ctx.lex["generic_tomorrow_before"]):
        return True
    return bool(words) and words[-1] in ctx.lex["future_copulas"] and bool(_DETERMINER_AFTER.match(ctx.text, c.end))


_OF_TOMORROW = re.compile(r"(?i)(?<!\w)(?!partir\s|compter\s|lors\s)([^\W\d_]{3,})\s+de\s*$")
_STILL = re.compile(r"(?i)\s*encore\b[^.;!?]{0,80}?(?<!\w)([^\W\d_]{2,}(?:ait|aient))(?!\w)")


def _still_then(ctx: Context, end: int) -> bool:
    """'hier encore' then a verb in the imperfect, in the same sentence: "until recently" (lexicon
    `not_imperfect` lists the nouns ending like one)."""
    m = _STILL.match(ctx.text, end)
    return m is not None and m.group(1).lower() not in ctx.lex["not_imperfect"]


def _of_tomorrow(ctx: Context, start: int) -> bool:
    """'la France de demain', 'les métiers de demain': generic; not after a noun of a dated event ('nos discussions
    de demain', 'la réunion de demain': lexicon `dated_event_nouns`)."""
    m = _OF_TOMORROW.search(ctx.text[max(0, start - 30):start])
    return m is not None and m.group(1).lower() not in ctx.lex["dated_event_nouns"]


def r_deictic(c: Candidate, ctx: Context) -> list[Fact]:
    if ctx.ref is None:
        return []
    m = c.match
    if _GENERIC_PAIR.search(ctx.text[max(0, c.start - 45):c.end + 45]):
        return []  # "ceux d'hier et ceux d'aujourd'hui": generic
    if key(m.group("dx")) == "demain" and _of_tomorrow(ctx, c.start):
        return []  # "la France de demain", "les métiers de demain": generic ("à partir de demain" is a day)
    if _generic_deictic(c, ctx):
        return []  # "un collégien d'aujourd'hui", "c'est-à-dire demain", "nous serons demain le fer de lance"
    d = ctx.ref + timedelta(days=ctx.deictic[key(m.group("dx"))])
    part = ctx.part(m)
    return [Fact(c.start, c.end, "DATE", V.day(d, True, part=part))]


def r_deictic_part(c: Candidate, ctx: Context) -> list[Fact]:
    """'ce matin', 'ce soir', 'ce jour': the document's day (with its part)."""
    if ctx.ref is None:
        return []
    part = {key(k): v for k, v in ctx.lex["deictic_parts"].items()}[key(c.match.group("dp"))]
    if not part and ctx.preceded_by(c.start, ("à", "a", "jusqu'à")):
        return []  # "à ce jour" (also unaccented "A ce jour"): so far, not a day
    return [Fact(c.start, c.end, "DATE", V.day(ctx.ref, True, part=part or None))]


def _blocked_name(c: Candidate, ctx: Context) -> bool:
    words = re.findall(r"[\w'’-]+", ctx.text[max(0, c.start - 20):c.start].lower())
    if words and words[-1] == "de" and len(words) > 1:
        words = words[:-1]
    after = ctx.text[c.end:c.end + 20].lower().replace("’", "'")
    month = re.match(r"\s+(?:de\s+|d')(\w+)", after)
    if month and ctx.month(month.group(1)):
        return True  # "la rentrée de septembre": the month speaks
    return bool(words and words[-1] in ctx.lex["named_day_blockers"]) or any(
        re.match(r"\s*" + re.escape(b) + r"(?!\w)", after) for b in ctx.lex["named_day_blockers_after"])


def r_named(c: Candidate, ctx: Context) -> list[Fact]:
    """'Noël', 'la Toussaint', 'la rentrée': the current or next occurrence (or the last one, when it ended
    less than YEAR_SHIFT before the document date); 'prochain', 'dernier' or the verb's tense pick a side."""
    m = c.match
    if _blocked_name(c, ctx):
        return []
    mo, d = {key(k): v for k, v in ctx.lex["named_days"].items()}[key(m.group("nd"))]
    ref = ctx.ref
    if ref is None:
        base = ctx.latest.year if ctx.latest else ctx.last_year
        if base is None:
            return []
        ref = date(base, 7, 1)
    spans = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        value = V.day(date(y, mo, d), True) if d else V.month(y, mo, True)
        spans.append((date.fromisoformat(value["start"]), date.fromisoformat(value["end"]), value))
    rel, tense = ctx.rel_of(m), ctx.tense(c.start, c.end)
    if rel == 1 or (rel is None and tense == "future"):
        chosen = [s for s in spans if (s[0] > ref if rel == 1 else s[1] >= ref)][0]
    elif rel == -1 or (rel is None and tense == "past"):
        chosen = [s for s in spans if (s[1] < ref if rel == -1 else s[0] <= ref)][-1]
    else:  # the current or next one, unless the last one ended just before ("cette rentrée", in October)
        chosen = [s for s in spans if s[1] >= ref - YEAR_SHIFT][0]
    return [Fact(c.start, c.end, "DATE", chosen[2])]


def r_weekday(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    if ctx.ref is None:
        return []
    det, rel = _g(m, "det"), ctx.rel_of(m)
    if rel is None and m.groupdict().get("rel2"):
        rel = ctx.rel_of(m, "rel2")                      # "vendredi soir dernier": the marker after the part
    if not det and not rel and ctx.preceded_by(c.start, ctx.lex["habitual_cues"]):
        return []
    target = ctx.weekdays[plain(m.group("wd"))]
    delta = (target - ctx.ref.weekday()) % 7  # 0..6 days ahead
    tense = ctx.tense(c.start, c.end)
    if rel == 1:
        delta = delta or 7
    elif rel == -1:
        delta = (delta - 7) if delta else -7
    elif tense == "past":
        delta = delta - 7 if delta else 0
    elif tense is None and not det and delta > 3 and ctx.lex["weekday_default"] == "nearest":
        delta -= 7
    part = ctx.part(m)
    return [Fact(c.start, c.end, "DATE", V.day(ctx.ref + timedelta(days=delta), True, part=part))]


def r_weekday_of_week(c: Candidate, ctx: Context) -> list[Fact]:
    """'vendredi de la semaine prochaine'."""
    m = c.match
    week = relative_period(*ctx.periods[key(m.group("wk"))], ctx, c)
    if week is None:
        return []
    d = date.fromisoformat(week["start"]) + timedelta(days=ctx.weekdays[plain(m.group("wd"))])
    return [Fact(c.start, c.end, "DATE", V.day(d, True))]


def r_day_of_month(c: Candidate, ctx: Context) -> list[Fact]:
    """'le 20 du mois prochain', 'le 31 de ce mois'."""
    m = c.match
    unit, offset = ctx.periods.get(key(m.group("mp"))) or ctx.periods[key("le " + m.group("mp"))]
    anchor = relative_period(unit, offset, ctx, c)
    d = ctx.day(m.group("d"))
    if anchor is None or d > int(anchor["end"][8:]):
        return []
    return [Fact(c.start, c.end, "DATE", V.day(date.fromisoformat(anchor["start"]).replace(day=d), True))]


def r_weekday_day(c: Candidate, ctx: Context) -> list[Fact]:
    """'le jeudi 21': the day of that number falling on that weekday nearest to the document date."""
    m = c.match
    base = ctx.ref or ctx.last_date
    if base is None:
        return []
    d, wd = ctx.day(m.group("d")), ctx.weekdays[plain(m.group("wd"))]
    best = None
    for shift in range(-6, 7):
        first = V.add_months(base.replace(day=1), shift)
        if d <= V.last_day(first.year, first.month):
            cand = first.replace(day=d)
            if cand.weekday() == wd and (best is None or abs(cand - base) < abs(best - base)):
                best = cand
    return [Fact(c.start, c.end, "DATE", V.day(best, True))] if best else []


def r_offset(c: Candidate, ctx: Context) -> list[Fact]:
    """'il y a deux ans', 'dans 10 jours', 'dans cinq à dix ans', 'il y a quelques jours', "d'ici deux ans": DATEs.

    Under the TimeML convention (settings.toml [conventions]) "d'ici à dix ans" and a vague "il y a quelques
    mois" are left to the DURATION rule, as French TimeBank annotates them."""
    m = c.match
    direction = key(m.group("dir"))
    vague = _g(m, "vague") or _g(m, "about")
    if ctx.convention == "timeml" and (direction.startswith("d'") or (vague and direction.startswith("il"))):
        return []
    if vague and not direction.startswith("il") and not direction.startswith("vo"):
        return []  # "dans quelques jours": a DURATION (the duration rule)
    if key(_g(m, "n") or "") in ("un", "une") and _kind_after(ctx, c.end):
        return []  # "dans une année normale": a kind of year, no date
    unit = ctx.units[key(m.group("u"))]
    if ctx.ref is None or unit not in ("day", "week", "month", "year", "decade", "century"):
        return []
    sign = -1 if direction.startswith(("il", "vo")) else 1   # "il y a", "voilà", "voici": the past
    amounts: list[float | None]
    if _g(m, "about"):
        amounts = [float(ctx.lex["about_amounts"][key(m.group("about"))])]
    elif vague:
        amounts = [float(x) for x in ctx.lex["vague_offset_amounts"]]
    else:
        parts = re.split(r"\s*,\s+|\s+(?:à|ou)\s+", m.group("n").strip())
        amounts = [amount(re.sub(r"\s+[^\W\d_]+$", "", x)) for x in parts]   # "1,5 an ou 2": the unit out
    if _g(m, "half"):                      # "il y a un an et demi": the unit below, as "1,5 an"
        if unit not in ("year", "month") or vague or len(amounts) != 1 or amounts[0] is None:
            return []
        amounts, unit = ([amounts[0] * 12 + 6], "month") if unit == "year" else ([amounts[0] * 30 + 15], "day")
    known = [n for n in amounts if n is not None and n > 0]
    if unit == "year" and len(known) == len(amounts) and all(float(n * 12).is_integer() for n in known) \
            and any(not float(n).is_integer() for n in known):
        amounts, unit = [n * 12 for n in known], "month"     # "il y a 1,5 an ou 2 ans": in months
    if any(n is None or n <= 0 or not float(n).is_integer() for n in amounts):
        return []
    values = sorted((_offset_value(sign * int(n or 0), unit, ctx) for n in amounts), key=lambda v: v["start"])
    value = values[0]
    if len(values) > 1 or vague:
        value = V.period(date.fromisoformat(values[0]["start"]), date.fromisoformat(values[-1]["end"]),
                         values[0]["granularity"], True, mod="approx")
    elif direction.startswith("d'"):
        value = dict(value, mod="by")
    return [Fact(c.start, c.end, "DATE", value)]


def _kind_after(ctx: Context, end: int) -> bool:
    after = key(ctx.text[end:end + 24])
    return any(re.match(re.escape(w) + r"(?!\w)", after) for w in ctx.lex["kind_of_period"])


def _offset_value(n: int, unit: str, ctx: Context) -> dict:
    assert ctx.ref is not None
    if unit in ("decade", "century"):  # "il y a un siècle" -> that year
        return V.year(ctx.ref.year + n * (10 if unit == "decade" else 100), True)
    if unit == "year":  # one grain finer than the unit, as Duckling: "il y a deux ans" -> that month
        d = V.add_months(ctx.ref, 12 * n)
        return V.month(d.year, d.month, True)
    if unit == "month":
        return V.day(V.add_months(ctx.ref, n), True)
    return V.day(ctx.ref + timedelta(days=n * (7 if unit == "week" else 1)), True)
