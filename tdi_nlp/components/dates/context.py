"""Resolution context of the DATE/DURATION extractor: lexicon lookups, what the text said so far, year inference.

Year of a date written without one ("le 2 juillet"): the year of the same day and month written in full
earlier in the text if any; else the document date's year, moved by one when "prochain"/"dernier" or the
tense of the governing verb says the date lies on the other side of the document date; else, for a document
without a date, the year of the latest fully dated day or month mentioned before it (a text is written after
the events it reports), or the last explicit year before it. Deictic expressions (hier, mardi, cette semaine)
need the document date and are skipped without one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable

from . import values as V
from .grammar import Candidate, settings

YEAR_SHIFT = timedelta(days=settings()["tense"]["year_shift_days"])  # see resources/dates/settings.toml


def key(text: str) -> str:
    """Lower case, unified apostrophes and spaces, trailing dot removed."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").strip().lower())
    return text[:-1] if text.endswith(".") else text


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", key(text)) if unicodedata.category(c) != "Mn")


@dataclass
class Fact:
    start: int
    end: int
    label: str
    value: dict


@dataclass
class Context:
    lex: dict
    text: str
    ref: date | None
    tense: Callable[[int, int], str | None] = lambda s, e: None
    governor: Callable[[int, int], str | None] = lambda s, e: None
    latest: date | None = None          # latest explicit day- or month-level date seen so far
    last_year: int | None = None        # last explicit year seen so far
    seen: dict = field(default_factory=dict)  # (month, day) -> year, from dates written in full
    last_date: date | None = None       # last day-level date resolved (anchor of "le lendemain")
    convention: str = "guide"           # "guide" or "timeml" (resources/dates/settings.toml [conventions])
    # lookup tables of the lexicon (see _maps), keyed by plain() or key() forms
    months: dict[str, int] = field(init=False, repr=False)
    weekdays: dict[str, int] = field(init=False, repr=False)
    days: dict[str, int] = field(init=False, repr=False)
    ordinals: dict[str, int] = field(init=False, repr=False)
    rel: dict[str, int] = field(init=False, repr=False)
    deictic: dict[str, int] = field(init=False, repr=False)
    anchored: dict[str, int] = field(init=False, repr=False)
    periods: dict[str, tuple[str, int]] = field(init=False, repr=False)  # unit, offset
    units: dict[str, str] = field(init=False, repr=False)
    parts: dict[str, str] = field(init=False, repr=False)
    edges: dict[str, str] = field(init=False, repr=False)
    fixed: dict[str, tuple[str, float, str]] = field(init=False, repr=False)  # ISO duration, amount, unit

    def __post_init__(self) -> None:
        t = _maps(id(self.lex), self.lex)
        self.months, self.weekdays, self.days, self.ordinals = t.months, t.weekdays, t.days, t.ordinals
        self.rel, self.deictic, self.anchored, self.periods = t.rel, t.deictic, t.anchored, t.periods
        self.units, self.parts, self.edges, self.fixed = t.units, t.parts, t.edges, t.fixed

    # -- small parsers -------------------------------------------------------------------------------
    def month(self, text: str | None) -> int | None:
        return self.months.get(plain(text)) if text else None

    def day(self, text: str) -> int:
        t = plain(text)
        if t in self.days:
            return self.days[t]
        digits = re.match(r"\d+", t)
        assert digits is not None, text  # the grammar's DAY: a number or a word of days
        return int(digits.group(0))

    def year(self, y: str | None, yy: str | None = None) -> int | None:
        if y:
            return int(y)
        if yy:
            n = int(yy.lstrip("'’"))
            limit = (self.ref.year if self.ref else 2020) + 10
            full = (limit // 100) * 100 + n
            return full if full <= limit else full - 100
        return None

    def before(self, pos: int, width: int = 14) -> str:
        return key(self.text[max(0, pos - width):pos])

    def preceded_by(self, pos: int, phrases: Iterable[str]) -> bool:
        """Whether the words just before pos end with one of the phrases (whole words)."""
        words = re.findall(r"[\w'’°.%€$]+", self.text[max(0, pos - 40):pos].lower().replace("’", "'"))
        tail = " ".join(words[-4:])
        return any(tail == p or tail.endswith(" " + p) or (p.endswith("'") and tail.endswith(p)) for p in phrases)

    def remember(self, value: dict) -> None:
        if value["granularity"] == "day":
            self.last_date = date.fromisoformat(value["end"])
        if value.get("inferred_year"):
            return
        start = date.fromisoformat(value["start"])
        if value["granularity"] in ("day", "month"):
            self.latest = max(self.latest, start) if self.latest else start
            if value["granularity"] == "day":
                self.seen[(start.month, start.day)] = start.year
        if value["granularity"] != "day" or value["start"] == value["end"]:
            self.last_year = start.year

    # -- year inference ------------------------------------------------------------------------------
    def infer_year(self, m: int, d: int | None, rel: int | None, c: Candidate, recall: bool = True) -> int | None:
        """The year of a day or month written without one; ``recall`` False for a demonstrative ("cet autre 21
        novembre", after "le 21 novembre 1945"): this year's, not that of the same day written in full before."""
        if d and rel is None and recall and (m, d) in self.seen:
            return self.seen[(m, d)]
        if self.ref is None:
            return self.latest.year if self.latest else self.last_year
        ref = self.ref
        y = ref.year
        here, now = (m, d or 0), (ref.month, ref.day if d else 0)
        if rel == 1 and here <= now:
            y += 1
        elif rel == -1 and here >= now:
            y -= 1
        elif rel is None:
            tense = self.tense(c.start, c.end)
            first = date(y, m, d or 1)
            last = date(y, m, d or V.last_day(y, m))
            if tense == "past" and first > ref + YEAR_SHIFT:
                y -= 1
            elif tense == "future" and last < ref - YEAR_SHIFT:
                y += 1
        return y

    def part(self, m: re.Match) -> str | None:
        """Time-of-day code of the 'part' (or quoted 'part2') group: MO, AF, EV, NI, MI, DT."""
        text = m.groupdict().get("part") or m.groupdict().get("part2")
        return self.parts.get(key(text)) if text else None

    def rel_of(self, m: re.Match, group: str = "rel") -> int | None:
        return self.rel.get(key(m.group(group))) if m.groupdict().get(group) else None


@dataclass(frozen=True)
class _Tables:
    """The lookup tables of one lexicon (the fields of Context of the same names)."""
    months: dict[str, int]
    weekdays: dict[str, int]
    days: dict[str, int]
    ordinals: dict[str, int]
    rel: dict[str, int]
    deictic: dict[str, int]
    anchored: dict[str, int]
    periods: dict[str, tuple[str, int]]
    units: dict[str, str]
    parts: dict[str, str]
    edges: dict[str, str]
    fixed: dict[str, tuple[str, float, str]]


_MAPS: dict[int, _Tables] = {}


def _maps(lex_id: int, lex: dict) -> _Tables:
    """Lookup tables of a lexicon, built once per lexicon object."""
    if lex_id not in _MAPS:
        _MAPS.clear()
        _MAPS[lex_id] = _Tables(
            months={plain(k): v for k, v in {**lex["months"], **lex["month_abbreviations"]}.items()},
            weekdays={plain(k): v for k, v in lex["weekdays"].items()},
            days={**{plain(k): v for k, v in lex["day_words"].items()}, **{plain(k): 1 for k in lex["first_day"]}},
            ordinals={key(k): v for k, v in lex["ordinals"].items()},
            rel={key(k): v for k, v in lex["relative_markers"].items()},
            deictic={key(k): v for k, v in lex["deictic_days"].items()},
            anchored={key(k): v for k, v in lex["anchored_days"].items()},
            periods={key(k): (v[0], v[1]) for k, v in lex["relative_periods"].items()},
            units={key(k): v for k, v in lex["duration_units"].items()},
            parts={key(k): v for k, v in lex["day_parts"].items()},
            edges={key(k): v for k, v in lex["edge_modifiers"].items()},
            fixed={key(k): (v[0], v[1], v[2]) for k, v in lex["fixed_durations"].items()},
        )
    return _MAPS[lex_id]


def _g(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)
