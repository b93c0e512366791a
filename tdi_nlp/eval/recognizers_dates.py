"""Recognizers-Text French date specs: pass rate of tdi_dates per file, beside dateparser.search_dates.

Files: DateExtractor, DatePeriodExtractor (spans), DateParser, DatePeriodParser (spans and values).
Covered cases: every case except those whose expected text is a time of day (h, heure, matin, soir...).
Cases flagged NotSupported for python upstream are scored apart ("NS-python"). A case passes "relaxed"
when each expected span overlaps exactly one of our DATE spans and we add none; "strict" when the offsets
are the same (surrounding spaces ignored). Parser files also need the value: our start equals the
expected date / startDate of FutureResolution or PastResolution, and for periods our end equals endDate
(their endDate is exclusive for months and weeks but not always for day ranges, so end or end + 1 day).
Reference date: Context.ReferenceDateTime, else 2016-11-07 (the reference of the French specs).
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from ..config import shared_path
from ._metrics import fmt_row

NAME = "recognizers-dates"
HELP = "Recognizers-Text French DateExtractor/DatePeriodExtractor/DateParser/DatePeriodParser pass rates"
SPECS = ("eval", "microsoft-recognizers-text", "Specs", "DateTime", "French")
FILES = ("DateExtractor", "DatePeriodExtractor", "DateParser", "DatePeriodParser")
DEFAULT_REF = "2016-11-07"
TIME_OF_DAY = re.compile(r"\d\s*h\b|\d:\d|heure|matin|soir|midi|minuit|nuit|après-midi|apres-midi", re.I)


def add_arguments(parser) -> None:
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N failed runnable cases per file")
    parser.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")


def load_cases(name: str) -> list[dict]:
    path = shared_path(*SPECS, f"{name}.json")
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    out = []
    for c in cases:
        if "python" in c.get("NotSupportedByDesign", ""):
            continue
        if any(TIME_OF_DAY.search(r["Text"]) for r in c["Results"]):
            continue
        ref = (c.get("Context") or {}).get("ReferenceDateTime", DEFAULT_REF)[:10]
        gold = []
        for r in c["Results"]:
            start, end = r["Start"], r["Start"] + r.get("Length", len(r["Text"]))
            text = c["Input"][start:end]
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            gold.append({"start": start, "end": end, "value": r.get("Value")})
        out.append({"input": c["Input"], "ref": ref, "gold": gold, "ns": "python" in c.get("NotSupported", "")})
    return out


def _dates_of(value: dict | None) -> list[tuple[str, str | None]]:
    if not value:
        return []
    out: list[tuple[str, str | None]] = []
    for k in ("FutureResolution", "PastResolution"):
        res = value.get(k) or {}
        if "date" in res:
            out.append((res["date"], None))
        elif "startDate" in res:
            out.append((res["startDate"], res.get("endDate")))
    return out


def value_ok(gold_value, start: str, end: str | None, timex: str) -> bool:
    gold_timex = (gold_value or {}).get("Timex", "")
    if gold_timex and "X" not in gold_timex and "(" not in gold_timex and gold_timex == timex:
        return True
    if gold_timex and not _dates_of(gold_value) and gold_timex.strip("X-") == timex[len(timex) - len(gold_timex.strip("X-")):]:
        return True  # "SU": a season without year
    for g_start, g_end in _dates_of(gold_value):
        if g_start != start:
            continue
        if g_end is None or end is None:
            return g_end is None
        plus_one = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
        if g_end in (end, plus_one):
            return True
    return False


def judge(case: dict, found: list[dict], with_value: bool) -> tuple[bool, bool, int, int, int]:
    """(strict pass, relaxed pass, tp, fp, fn) for one case."""
    gold, used, tp = case["gold"], set(), 0
    ok_values = True
    for g in gold:
        for j, f in enumerate(found):
            if j not in used and f["start"] < g["end"] and g["start"] < f["end"]:
                used.add(j)
                tp += 1
                if with_value and not value_ok(g["value"], f["start_date"], f["end_date"], f["timex"]):
                    ok_values = False
                break
    relaxed = tp == len(gold) == len(found) and ok_values
    strict = relaxed and sorted((g["start"], g["end"]) for g in gold) == sorted((f["start"], f["end"]) for f in found)
    return strict, relaxed, tp, len(found) - tp, len(gold) - tp


def ours(nlp, cases) -> list[list[dict]]:
    from ..components import facts
    from ..components.dates.values import to_timex
    from ..components.dates.component import annotate
    docs = annotate(nlp, [c["input"] for c in cases], [c["ref"] for c in cases])
    out = []
    for doc in docs:
        items = []
        for s in facts(doc, "DATE"):
            v = s._.value
            single = v["granularity"] == "day" and v["start"] == v["end"]
            items.append({"start": s.start_char, "end": s.end_char, "start_date": v["start"],
                          "end_date": None if single else v["end"], "timex": to_timex(v)})
        out.append(items)
    return out


def baseline(cases) -> list[list[dict]]:
    from dateparser.search import search_dates
    out = []
    for c in cases:
        found = search_dates(c["input"], languages=["fr"],
                             settings={"RELATIVE_BASE": datetime.fromisoformat(c["ref"])}) or []
        items, pos = [], 0
        for sub, dt in found:
            i = c["input"].find(sub, pos)
            if i >= 0:
                pos = i + len(sub)
                items.append({"start": i, "end": pos, "start_date": dt.date().isoformat(), "end_date": None,
                              "timex": dt.date().isoformat()})
        out.append(items)
    return out


def summarize(label: str, cases, results, with_value: bool, show: int = 0) -> None:
    for group, flag in (("runnable", False), ("NS-python", True)):
        idx = [i for i, c in enumerate(cases) if c["ns"] == flag]
        if not idx:
            continue
        verdicts = [judge(cases[i], results[i], with_value) for i in idx]
        strict = sum(v[0] for v in verdicts)
        relaxed = sum(v[1] for v in verdicts)
        tp, fp, fn = (sum(v[k] for v in verdicts) for k in (2, 3, 4))
        n = len(idx)
        print(f"  {label:<10} {group:<10} n={n:<4} pass strict={strict / n:.3f} relaxed={relaxed / n:.3f}   "
              + fmt_row("spans", tp, fp, fn))
        if show and not flag:
            shown = 0
            for i, v in zip(idx, verdicts):
                if not v[1] and shown < show:
                    shown += 1
                    print(f"      FAIL {cases[i]['input']!r} gold={[cases[i]['input'][g['start']:g['end']] for g in cases[i]['gold']]}"
                          f" ours={[(cases[i]['input'][f['start']:f['end']], f['start_date'], f['end_date']) for f in results[i]]}")


def run(args) -> int:
    if not shared_path(*SPECS).is_dir():
        print(f"eval recognizers-dates: {shared_path(*SPECS)} is absent; nothing to evaluate (needs ../shared)")
        return 0
    from ..pipeline import build
    nlp = build(components=["tdi_dates"])
    for name in FILES:
        cases = load_cases(name)
        with_value = name.endswith("Parser")
        print(f"{name}: {len(cases)} covered cases ({'spans and values' if with_value else 'spans'})")
        summarize("tdi_dates", cases, ours(nlp, cases), with_value, getattr(args, "errors", 0))
        if not getattr(args, "no_baseline", False):
            summarize("dateparser", cases, baseline(cases), with_value)
    return 0
