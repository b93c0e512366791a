"""Turns grammar candidates into DATE / DURATION facts: the resolvers of written dates, their dispatch,
the choice among overlapping candidates and the joining of ranges."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from text_to_num import text2num

from . import values as V
from .context import Context, Fact, _g, key, plain
from .duration import amount, r_duration
from .grammar import Candidate
from .relative import (r_anchored, r_day_of_month, r_deictic, r_deictic_part, r_edge, r_named, r_offset,
                       r_rel_period, r_weekday, r_weekday_day, r_weekday_of_week, rel_year, relative_period,
                       season_year)


def _split_list(c: Candidate, ctx: Context, consecutive: bool) -> bool:
    """'les 6 et 13 avril': two dates; 'le 5 et 6 mars': one range (issue rule); 'entre ... et' is a range,
    except after a change ('a diminué de 12 % entre 2021 et 2022': its two ends)."""
    conn = key(_g(c.match, "conn") or "")
    pre = key(_g(c.match, "pre") or "")
    if conn == "et" and pre.startswith("entre"):
        return change_before(ctx, c.start)
    return conn in ("et", "&") and not consecutive


def change_before(ctx: Context, pos: int) -> bool:
    """Whether a change word ("diminué", "hausse") comes shortly before pos in the same sentence, with the
    amount of the change after it ("a diminué de 12 % entre 2021 et 2022"); without an amount the years are a
    period ("l'augmentation sur trois ans, entre 2022 et 2024, de 400 postes")."""
    before = re.split(r"[.;!?]\s", ctx.text[max(0, pos - 60):pos])[-1].lower()
    cues = (re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", before) for w in ctx.lex["change_cues"] + ctx.lex["change_verbs_adjacent"])
    return any(m is not None and re.search(r"\d", before[m.end():]) for m in cues)


# -- resolvers: each returns a list of facts (empty when the candidate is rejected) ---------------------

def r_date(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    if ctx.preceded_by(c.start, ctx.lex["recurring_cues"]):
        return []  # "chaque 11 novembre"
    mo, d = ctx.month(m.group("m")), ctx.day(m.group("d"))
    if mo is None:  # never: the grammar's month names are the lexicon's
        return []
    end = c.end
    yy = _g(m, "yy")
    if yy and re.match(r"\s+[a-zà-ÿ]", ctx.text[m.end("yy"):]) and not re.match(
            r"\s+(?:et|ou|à|au)\b", ctx.text[m.end("yy"):]):
        yy, end = None, m.end("m")
    y = ctx.year(_g(m, "y"), yy)
    rel = ctx.rel_of(m) if end == c.end else None
    inferred = y is None
    if inferred:
        y = rel_year(m, c, ctx) if _g(m, "ry") else ctx.infer_year(mo, d, rel, c, recall=not _g(m, "dem"))
    if y is None or d > V.last_day(y, mo):
        return []
    part = ctx.part(m) if end == c.end else None
    return [Fact(c.start, end, "DATE", V.day(date(y, mo, d), inferred, part=part))]


def _day_of(c: Candidate, ctx: Context) -> tuple[date, bool] | None:
    """The day written in groups d, m, (y) of a candidate, with whether its year was inferred."""
    m = c.match
    mo, d = ctx.month(m.group("m")), ctx.day(m.group("d"))
    if mo is None:
        return None
    y = ctx.year(_g(m, "y"))
    inferred = y is None
    if inferred:
        y = ctx.infer_year(mo, d, None, c)
    if y is None or d > V.last_day(y, mo):
        return None
    return date(y, mo, d), inferred


def r_week_of(c: Candidate, ctx: Context) -> list[Fact]:
    """'la semaine du 14 mars': the week (Monday to Sunday) holding that day."""
    found = _day_of(c, ctx)
    return [Fact(c.start, c.end, "DATE", V.week(found[0], found[1]))] if found else []


def r_anchored_date(c: Candidate, ctx: Context) -> list[Fact]:
    """'la veille du 5 mars', 'le lendemain du 13 février'."""
    found = _day_of(c, ctx)
    if not found:
        return []
    shift = ctx.anchored[key(c.match.group("ax"))]
    return [Fact(c.start, c.end, "DATE", V.day(found[0] + timedelta(days=shift), found[1]))]


def r_fortnight(c: Candidate, ctx: Context) -> list[Fact]:
    """'la première quinzaine d'avril': days 1-15; the second (or last): 16 to the end of the month."""
    m = c.match
    n, mo = ctx.ordinals.get(key(m.group("ord"))), ctx.month(m.group("m"))
    if n not in (1, 2, -1) or mo is None:
        return []
    y = ctx.year(_g(m, "y"))
    inferred = y is None
    y = y or ctx.infer_year(mo, None, None, c)
    if y is None:
        return []
    first, last = (1, 15) if n == 1 else (16, V.last_day(y, mo))
    return [Fact(c.start, c.end, "DATE", V.period(date(y, mo, first), date(y, mo, last), "day", inferred))]


def r_numeric(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    d, mo, yt = int(m.group("d")), int(m.group("m")), _g(m, "y") or ""
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return []
    y = ctx.year(yt if len(yt) == 4 else None, yt if len(yt) == 2 else None)
    inferred = y is None
    if inferred:
        y = ctx.infer_year(mo, d, None, c)
    if y is None or d > V.last_day(y, mo):
        return []
    return [Fact(c.start, c.end, "DATE", V.day(date(y, mo, d), inferred))]


def r_numeric_month(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    mo, y = int(_g(m, "m") or m.group("m2")), int(_g(m, "y") or m.group("y2"))
    if ctx.preceded_by(c.start, ctx.lex["year_blockers_before"]):
        return []
    return [Fact(c.start, c.end, "DATE", V.month(y, mo, False))]


def r_day_range(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    d1, d2, mo = ctx.day(m.group("d1")), ctx.day(m.group("d2")), ctx.month(_g(m, "m"))
    y = ctx.year(_g(m, "y"))
    inferred = y is None
    if _g(m, "mp"):
        unit, offset = ctx.periods.get(key(m.group("mp")), None) or ctx.periods[key("le " + m.group("mp"))]
        anchor = relative_period(unit, offset, ctx, c)
        if anchor is None:
            return []
        y, mo = int(anchor["start"][:4]), int(anchor["start"][5:7])
    elif mo is None:  # never: without "mp" the grammar has a month name
        return []
    elif _g(m, "ry"):
        y = rel_year(m, c, ctx)
        if y is None:
            return []
    elif inferred:
        y = ctx.infer_year(mo, d2, ctx.rel_of(m), c)
    if y is None or d2 > V.last_day(y, mo) or d1 == d2:
        return []
    if _split_list(c, ctx, d2 == d1 + 1):
        opening = m.start("d1") if key(_g(m, "pre") or "").startswith("entre") else c.start
        return [Fact(opening, m.end("d1"), "DATE", V.day(date(y, mo, d1), inferred)),
                Fact(m.start("d2"), c.end, "DATE", V.day(date(y, mo, d2), inferred))]
    first = date(y, mo, d1) if d1 < d2 else V.add_months(date(y, mo, 1), -1).replace(day=d1)
    return [Fact(c.start, c.end, "DATE", V.period(first, date(y, mo, d2), "day", inferred))]


def _range_years(c: Candidate, ctx: Context, m1: int, m2: int, d2: int | None) -> tuple[int, int, bool] | None:
    """Years of both ends of a range across months ("du 28 novembre au 3 décembre 2018"), and whether inferred."""
    m = c.match
    y1, y2 = ctx.year(_g(m, "y1")), ctx.year(_g(m, "y2"))
    inferred = y2 is None
    if y2 is None:
        y2 = y1 + (m2 < m1) if y1 else ctx.infer_year(m2, d2, None, c)
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 - (m1 > m2)
    return y1, y2, inferred


def r_cross_range(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    d1, m1, d2, m2 = ctx.day(m.group("d1")), ctx.month(m.group("m1")), ctx.day(m.group("d2")), ctx.month(m.group("m2"))
    if m1 is None or m2 is None:
        return []
    years = _range_years(c, ctx, m1, m2, d2)
    if years is None:
        return []
    y1, y2, inferred = years
    if d1 > V.last_day(y1, m1) or d2 > V.last_day(y2, m2):
        return []
    a, b = date(y1, m1, d1), date(y2, m2, d2)
    if _split_list(c, ctx, False) or b <= a:
        return [Fact(c.start, m.end("y1") if _g(m, "y1") else m.end("m1"), "DATE", V.day(a, _g(m, "y1") is None)),
                Fact(m.start("d2"), c.end, "DATE", V.day(b, inferred))]
    return [Fact(c.start, c.end, "DATE", V.period(a, b, "day", inferred))]


def r_month_range(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    m1, m2 = ctx.month(m.group("m1")), ctx.month(m.group("m2"))
    if m1 is None or m2 is None:
        return []
    years = _range_years(c, ctx, m1, m2, None)
    if years is None:
        return []
    y1, y2, inferred = years
    a, b = date(y1, m1, 1), date(y2, m2, V.last_day(y2, m2))
    if b <= a:
        return []
    return [Fact(c.start, c.end, "DATE", V.period(a, b, "month", inferred))]


def r_year_range(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not 0 < y2 - y1 <= 30:
        return []
    if _split_list(c, ctx, False):
        first = m.start("y1") if key(_g(m, "pre") or "").startswith("entre") else c.start
        return r_year_span(first, m.end("y1"), y1, ctx) + r_year_span(m.start("y2"), c.end, y2, ctx)
    return [Fact(c.start, c.end, "DATE", V.period(date(y1, 1, 1), date(y2, 12, 31), "year", False))]


def r_year_span(start: int, end: int, y: int, ctx: Context) -> list[Fact]:
    return [Fact(start, end, "DATE", V.year(y, False))]


_RECURRING_DAY = re.compile(r"(?i)(?<!\w)(?:chaque|tous\s+les|toutes\s+les)\s+(?:\d{1,2}|1er|premier)\s*$")


def r_month(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    text = m.group("m")
    mo = ctx.month(text)
    if mo is None:
        return []
    if _RECURRING_DAY.search(ctx.text[max(0, c.start - 20):c.start]):
        return []  # "chaque 11 novembre"
    if c.rule.name == "month_alone" and not _g(m, "pre"):
        if text[0].isupper() and not ctx.preceded_by(c.start, ctx.lex["month_cues"]):
            return []
    if "." in text and not (_g(m, "y")):
        return []
    end, yy = c.end, _g(m, "yy")
    if yy and re.match(r"\s+[a-zà-ÿ]", ctx.text[m.end("yy"):]) and not re.match(
            r"\s+(?:et|ou|à|au)\b", ctx.text[m.end("yy"):]):
        return []
    y = ctx.year(_g(m, "y"), yy)
    inferred = y is None
    if inferred:
        y = rel_year(m, c, ctx) if _g(m, "ry") else ctx.infer_year(mo, None, ctx.rel_of(m), c)
    if y is None:
        return []
    start = c.start
    if ctx.convention == "timeml":  # TimeML bounds: "mars dernier", "au mois de juin" (the guide: "en mars dernier")
        pre = key(_g(m, "pre") or "")
        start = m.start("m") if pre.startswith("en") else start
        start -= 3 if pre.startswith("mois") and key(ctx.text[max(0, start - 3):start]) == "au" else 0
    return [Fact(start, end, "DATE", V.month(y, mo, inferred))]


def r_decade(c: Candidate, ctx: Context) -> list[Fact]:
    """'les années 1990', 'les années 80', 'les années soixante-dix'."""
    text = c.match.group("dec").lstrip("'’")
    n = int(text) if text.isdigit() else int(text2num(text.lower(), "fr"))
    y = n if n >= 1000 else 1900 + n
    return [Fact(c.start, c.end, "DATE", V.period(date(y, 1, 1), date(y + 9, 12, 31), "decade", False))]


def r_season(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    if ctx.preceded_by(c.start, ctx.lex["recurring_cues"]):
        return []  # "chaque hiver", "tous les étés": a recurrence
    code = ctx.lex["seasons"].get(key(m.group("s"))) or ctx.lex["seasons"].get(plain(m.group("s")))
    y = ctx.year(_g(m, "y"))
    if not (_g(m, "det") or y):
        if not _g(m, "rel") and (ctx.text[c.start - 2:c.start] in ("d'", "d’") or ctx.preceded_by(c.start, ("de",))):
            return []  # "Jeux d'hiver", "université d'été"
        if code == "SU" and not (m.group("s")[0].isupper() or ctx.preceded_by(c.start, ("en",))):
            return []  # "a été", "qui a été passé" (the verb, not "l'été passé")
    if ctx.convention == "guide" and not (y or _g(m, "rel")) and key(_g(m, "det") or "") in ("l'", "le") \
            and not _season_anchored(ctx, c.start):
        return []  # "capter l'eau l'hiver pour l'utiliser l'été": a season in general, no date (the guide)
    inferred = y is None
    if inferred:
        y = season_year(code, ctx.rel_of(m), ctx, c)
    if y is None:
        return []
    return [Fact(c.start, c.end, "DATE", V.season(y, code, inferred))]


def _season_anchored(ctx: Context, pos: int) -> bool:
    """Whether a bare "l'hiver" at pos names one season: after a preposition or a conjunction ("dès l'été", "à
    l'automne", "que l'hiver approche"), at a clause start, or before a verb it is the subject of; after a noun, a
    verb or an adverb ("notamment l'hiver") it is the season in general (lexicon `season_anchors`)."""
    before = ctx.text[max(0, pos - 30):pos].rstrip()
    if not before or before[-1] in ".,;:!?()«»\"–—-\n":
        return True
    words = re.findall(r"[^\W\d_]+(?:['’])?", before.lower().replace("’", "'"))
    return bool(words) and (words[-1] in ctx.lex["season_anchors"] or words[-1].endswith("'"))


def r_year_part(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    n: int | None
    if _g(m, "abbr"):
        letter, n = m.group("abbr")[0].upper(), int(m.group("abbr")[1])
        unit = "semestre" if letter == "S" else "trimestre"
    else:
        unit, n = key(m.group("unit")), ctx.ordinals.get(key(m.group("ord")))
    spec = ctx.lex["year_parts"][unit]
    count = 12 // spec["months"]
    if n is None:
        return []
    last = n == -1
    n = count if last else n
    if not 1 <= n <= count:
        return []
    y = ctx.year(_g(m, "y"))
    inferred = y is None
    if _g(m, "ry"):
        y = rel_year(m, c, ctx)
    elif inferred and ctx.ref and last and not re.match(r"\s+(?:de|d['’]|du)\b", ctx.text[c.end:]):
        # "au dernier trimestre": the last one completed before the document date
        done = (ctx.ref.month - 1) // spec["months"]
        y, n = (ctx.ref.year, done) if done else (ctx.ref.year - 1, count)
    elif inferred and ctx.ref:
        y = ctx.ref.year
        if date(y, (n - 1) * spec["months"] + 1, 1) > ctx.ref and ctx.tense(c.start, c.end) == "past":
            y -= 1  # "le troisième trimestre a été bon", written in January
    elif inferred:
        y = ctx.latest.year if ctx.latest else ctx.last_year
    if y is None:
        return []
    return [Fact(c.start, c.end, "DATE", V.year_part(y, n, spec["months"], spec["granularity"], inferred))]


def r_first_parts(c: Candidate, ctx: Context) -> list[Fact]:
    """'les trois premiers trimestres de 2022', 'les six derniers mois de l'année dernière'."""
    m = c.match
    months = {"trimestres": 3, "semestres": 6, "mois": 1}[key(m.group("unit"))]
    n = amount(m.group("cnt"))
    if n is None or not float(n).is_integer() or not 1 <= n * months <= 12:
        return []
    y = ctx.year(_g(m, "y")) or rel_year(m, c, ctx)
    if y is None:
        return []
    span = int(n) * months
    first, last = (1, span) if key(m.group("side")) == "premiers" else (13 - span, 12)
    gran = {3: "quarter", 6: "semester", 1: "month"}[months]
    return [Fact(c.start, c.end, "DATE", V.period(date(y, first, 1), date(y, last, V.last_day(y, last)), gran,
                                                 _g(m, "y") is None))]


# A number before "et" / "à" / "ou" that cannot be a year (not 1600-2099, or written with a thousands space)
_NOT_YEAR_PARTNER = re.compile(r"(?<![\d\w.,])(?!(?:1[6-9]|20)\d\d\s)\d[\d\u00a0\u202f .,]*\s+(?:et|à|ou)\s+$")


def r_year(c: Candidate, ctx: Context) -> list[Fact]:
    m = c.match
    y = int(m.group("y"))
    if not _g(m, "yp"):
        if ctx.preceded_by(c.start, ctx.lex["year_blockers_before"]):
            return []
        after = ctx.text[c.end:c.end + 12]
        if re.match(r"[-/]\d", after) or re.match(r"\s*(?:%|€|\$)", after):
            return []
        nxt = re.match(r"\s+([\w’'.]+)", after)
        if nxt and key(nxt.group(1)) in ctx.lex["year_blockers_after"]:
            return []
        if re.search(r"\d[\s.]$|\d\s*[-/]\s*$", ctx.text[max(0, c.start - 4):c.start]):
            return []  # part of a longer number ("12 2019")
        if _NOT_YEAR_PARTNER.search(ctx.text[max(0, c.start - 24):c.start]):
            return []  # "entre 1500 et 2000 postes", "de 300 à 2000": the end of a range of counts
        gov = ctx.governor(m.start("y"), m.end("y"))
        if gov is not None and gov not in ctx.lex["year_heads"]:
            return []
    return [Fact(c.start, c.end, "DATE", V.year(y, False))]


RESOLVERS = {
    "date": r_date, "numeric": r_numeric, "day_range": r_day_range, "cross_range": r_cross_range,
    "month_range": r_month_range, "year_range": r_year_range, "month": r_month, "season": r_season,
    "year_part": r_year_part, "edge": r_edge, "rel_period": r_rel_period, "deictic": r_deictic,
    "weekday": r_weekday, "anchored": r_anchored, "decade": r_decade,
    "week_of": r_week_of, "anchored_date": r_anchored_date, "fortnight": r_fortnight, "weekday_of_week": r_weekday_of_week,
    "day_of_month": r_day_of_month, "weekday_day": r_weekday_day, "numeric_month": r_numeric_month, "year": r_year, "offset": r_offset, "duration": r_duration,
    "deictic_part": r_deictic_part, "named": r_named, "first_parts": r_first_parts,
}


def resolve(c: Candidate, ctx: Context, remember: bool = True) -> list[Fact]:
    facts = RESOLVERS[c.rule.kind](c, ctx)
    if remember:
        for f in facts:
            if f.label == "DATE":
                ctx.remember(f.value)
    return facts


def extract(text: str, candidates: list[Candidate], make_context: Callable[..., Context]) -> list[Fact]:
    """Keeps the longest acceptable non-overlapping candidates, then resolves them in text order.

    Acceptance is probed with a context that has a stand-in anchor year, so that a rejected long candidate
    ("Mars" the planet, "2019 salariés") leaves room for shorter ones while year inference stays in order.
    """
    probe = make_context(last_year=2000)
    taken: list[Candidate] = []
    for c in candidates:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        if resolve(c, probe, remember=False):
            taken.append(c)
    ctx = make_context()
    facts: list[Fact] = []
    for c in sorted(taken, key=lambda c: c.start):
        facts.extend(resolve(c, ctx))
    return merge_ranges(facts, ctx)


FINER = ("day", "weekend", "week", "month", "season", "quarter", "semester", "year")


def merge_ranges(facts: list[Fact], ctx: Context) -> list[Fact]:
    """Joins two dates linked by a range connector: 'de janvier 2019 à mars 2020', 'entre X et Y'."""
    out: list[Fact] = []
    conns = {key(c) for c in ctx.lex["range_connectors"]}
    openers = [key(o) for o in ctx.lex["range_openers"]]
    for f in facts:
        prev = out[-1] if out else None
        if prev and prev.label == f.label == "DATE" and "mod" not in prev.value and "mod" not in f.value:
            gap = key(ctx.text[prev.end:f.start])
            opener = re.search(r"(?:^|\s)(" + "|".join(map(re.escape, openers)) + r")\s*$",
                               ctx.text[max(0, prev.start - 10):prev.start].lower().replace("’", "'"))
            between = gap in conns or (gap == "et" and opener and opener.group(1) == "entre"
                                       and not change_before(ctx, prev.start))
            a, b = prev.value, f.value
            if between and not opener and gap.startswith("jusqu"):
                opener = re.match(r"()", "")
            if between and opener and f.start - prev.end <= 12 and b["end"] > a["start"]:
                start = prev.start - (len(ctx.text[:prev.start]) - len(ctx.text[:prev.start].rstrip())) - len(opener.group(1))
                gran = a["granularity"] if a["granularity"] == b["granularity"] else min(
                    (a["granularity"], b["granularity"]), key=lambda g: FINER.index(g) if g in FINER else 0)
                value = V.period(date.fromisoformat(a["start"]), date.fromisoformat(b["end"]), gran,
                                 a["inferred_year"] or b["inferred_year"])
                out[-1] = Fact(start, f.end, "DATE", value)
                continue
        out.append(f)
    return out
