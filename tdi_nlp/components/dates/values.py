"""Value dicts of DATE and DURATION facts, calendar helpers, and their TIMEX3 rendering.

DATE value: {"start", "end" (ISO days, inclusive), "granularity", "inferred_year"} plus, when relevant,
"mod" (start|mid|end|during: the part of the period meant, TimeML-style; "by": a deadline running from the
document date to "end"), "part" (time of day: MO, MI, AF, EV, NI). Granularities: day, week, weekend, month,
season, quarter, semester, year, decade (week, weekend and decade extend the issue's list).
DURATION value: {"duration" (ISO 8601, X when vague), "amount", "unit"} plus "mod": "approx".
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

SEASON_START = {"SP": (3, 21), "SU": (6, 21), "FA": (9, 23), "WI": (12, 21)}
SEASON_END = {"SP": (6, 20), "SU": (9, 22), "FA": (12, 20), "WI": (3, 20)}
UNIT_CODES = {"year": ("Y", 1), "month": ("M", 1), "week": ("W", 1), "day": ("D", 1), "hour": ("TH", 1),
              "minute": ("TM", 1), "second": ("TS", 1), "decade": ("Y", 10), "century": ("Y", 100),
              "quarter": ("M", 3), "semester": ("M", 6)}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, last_day(y, m)))


def period(start: date, end: date, granularity: str, inferred: bool, **extra) -> dict:
    value = {"start": start.isoformat(), "end": end.isoformat(), "granularity": granularity,
             "inferred_year": bool(inferred)}
    value.update({k: v for k, v in extra.items() if v is not None})
    return value


def day(d: date, inferred: bool, **extra) -> dict:
    return period(d, d, "day", inferred, **extra)


def month(year: int, m: int, inferred: bool, **extra) -> dict:
    return period(date(year, m, 1), date(year, m, last_day(year, m)), "month", inferred, **extra)


def year(y: int, inferred: bool, **extra) -> dict:
    return period(date(y, 1, 1), date(y, 12, 31), "year", inferred, **extra)


def season(y: int, code: str, inferred: bool, **extra) -> dict:
    sm, sd = SEASON_START[code]
    em, ed = SEASON_END[code]
    return period(date(y, sm, sd), date(y + (code == "WI"), em, ed), "season", inferred, season=code, **extra)


def year_part(y: int, n: int, months: int, granularity: str, inferred: bool, **extra) -> dict:
    first = (n - 1) * months + 1
    last = first + months - 1
    return period(date(y, first, 1), date(y, last, last_day(y, last)), granularity, inferred, **extra)


def week(d: date, inferred: bool = True, **extra) -> dict:
    monday = d - timedelta(days=d.weekday())
    return period(monday, monday + timedelta(days=6), "week", inferred, **extra)


def weekend(saturday: date, inferred: bool = True, **extra) -> dict:
    return period(saturday, saturday + timedelta(days=1), "weekend", inferred, **extra)


def duration(amount: float | None, unit: str, **extra) -> dict:
    code, factor = UNIT_CODES[unit]
    if amount is None:
        text = "X"
    else:
        total = amount * factor
        text = str(int(total)) if float(total).is_integer() else f"{total:g}"
    iso = "P" + (f"T{text}{code[1]}" if code.startswith("T") else f"{text}{code}")
    amt = None if amount is None else (int(amount) if float(amount).is_integer() else amount)
    value = {"duration": iso, "amount": amt, "unit": unit}
    value.update({k: v for k, v in extra.items() if v is not None})
    return value


def narrow(value: dict, mod: str, spans: dict) -> dict:
    """Restricts a month, year or week value to its start/mid/end part (spans from the lexicon)."""
    g = value["granularity"]
    part = spans.get(g, {}).get(mod)
    if not part:
        return dict(value, mod=mod)
    start = date.fromisoformat(value["start"])
    if g == "month":
        a = start.replace(day=part[0])
        b = start.replace(day=min(part[1], last_day(start.year, start.month)))
    elif g == "year":
        a = date(start.year, part[0], 1)
        b = date(start.year, part[1], last_day(start.year, part[1]))
    else:
        a, b = start + timedelta(days=part[0]), start + timedelta(days=part[1])
    return dict(value, start=a.isoformat(), end=b.isoformat(), mod=mod)


def to_timex(value: dict) -> str:
    """TIMEX3 value of a DATE value (ranges are rendered by their start)."""
    start = date.fromisoformat(value["start"])
    g = value["granularity"]
    if g == "year":
        return f"{start.year:04d}"
    if g == "decade":
        return f"{start.year // 10:03d}"
    if g == "month":
        return start.isoformat()[:7]
    if g == "season":
        return f"{start.year:04d}-{value.get('season', 'XX')}"
    if g == "semester":
        return f"{start.year:04d}-H{(start.month - 1) // 6 + 1}"
    if g == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if g in ("week", "weekend"):
        iso = start.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if g == "weekend" else "")
    text = start.isoformat()
    return text + f"T{value['part']}" if value.get("part") else text
