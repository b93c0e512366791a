"""Duckling French Time corpus: pass rate of tdi_dates on the date cases, beside dateparser.parse.

Each Duckling input is a whole string resolved at 2013-02-12T04:30 (a Tuesday). Covered: blocks whose grain
is day, week, month, quarter or year (times of day skipped), including intervals and open intervals of
those grains, plus the negative inputs (must give no DATE). An input passes on value when one of our DATE
facts has the expected value (day: same day; week/month/quarter/year: same granularity and start;
interval: same start and end, Duckling's end being exclusive; open interval: same start); it passes in
full when, in addition, it is our only DATE fact and covers the input (a leading preposition aside).
Baseline: dateparser.parse(input, languages=["fr"], settings={"RELATIVE_BASE": reference}), judged on the
day (month, year, ISO week) of its answer.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from ..config import shared_path
from ._metrics import fmt_row

NAME = "duckling-time"
HELP = "Duckling Time_FR corpus (date cases): pass rate beside dateparser.parse"
DATA = ("eval", "facebook-duckling", "Time_FR.json")
REF = "2013-02-12"
GRAINS = ("day", "week", "month", "quarter", "year")
LEADING = re.compile(r"^(?:en|au|à|a|pour|dès|dans|pendant|durant)\s+", re.I)


def add_arguments(parser) -> None:
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N failed inputs")
    parser.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")


def covered_cases(data: dict) -> list[dict]:
    cases = []
    for block in data["blocks"]:
        exp = block["expected"]
        if exp.get("grain") not in GRAINS:
            continue
        for text in block["inputs"]:
            cases.append({"input": text, "expected": exp})
    cases += [{"input": t, "expected": None} for t in data.get("negative_inputs", [])]
    return cases


def value_ok(exp: dict, v: dict) -> bool:
    kind, grain = exp["kind"], exp.get("grain")
    if kind == "time":
        start = exp["value"][:10]
        if grain == "day":
            return v["granularity"] == "day" and v["start"] == v["end"] == start
        return v["granularity"] == grain and v["start"] == start
    if kind == "time-interval":
        end = (date.fromisoformat(v["end"]) + timedelta(days=1)).isoformat()
        return v["start"] == exp["from"][:10] and end == exp["to"][:10]
    return v["start"] == exp["value"][:10]


def covers(text: str, span_text: str) -> bool:
    core = LEADING.sub("", text.strip()).rstrip(" .?!")
    return span_text.strip() in (text.strip(), core) or len(span_text.strip()) >= len(core)


def judge_ours(cases, docs) -> list[tuple[bool, bool, bool]]:
    """(value pass, full pass, produced something) per case."""
    from ..components import facts
    out = []
    for case, doc in zip(cases, docs):
        dates = facts(doc, "DATE")
        if case["expected"] is None:
            out.append((not dates, not dates, bool(dates)))
            continue
        hits = [s for s in dates if value_ok(case["expected"], s._.value)]
        full = bool(hits) and len(dates) == 1 and covers(case["input"], hits[0].text)
        out.append((bool(hits), full, bool(dates)))
    return out


def judge_baseline(cases) -> list[tuple[bool, bool, bool]]:
    import dateparser
    ref = datetime.fromisoformat(REF + "T04:30:00")
    out = []
    for case in cases:
        got = dateparser.parse(case["input"], languages=["fr"], settings={"RELATIVE_BASE": ref})
        exp = case["expected"]
        if exp is None:
            out.append((got is None, got is None, got is not None))
            continue
        if got is None:
            out.append((False, False, False))
            continue
        d = got.date()
        want = date.fromisoformat((exp.get("value") or exp.get("from"))[:10])
        grain = exp.get("grain")
        if grain == "year":
            ok = d.year == want.year
        elif grain in ("month", "quarter"):
            ok = (d.year, d.month) == (want.year, want.month)
        elif grain == "week":
            ok = d.isocalendar()[:2] == want.isocalendar()[:2]
        else:
            ok = d == want and exp["kind"] != "time-interval"
        out.append((ok, ok, True))
    return out


def report(label: str, cases, verdicts) -> None:
    n = len(cases)
    value = sum(v[0] for v in verdicts)
    full = sum(v[1] for v in verdicts)
    pos = [i for i, c in enumerate(cases) if c["expected"] is not None]
    tp = sum(verdicts[i][0] for i in pos)
    fp = sum(1 for v in verdicts if v[2] and not v[0])
    fn = sum(1 for i in pos if not verdicts[i][0])
    print(f"  {label:<11} n={n} pass value={value / n:.3f} full={full / n:.3f}   " + fmt_row("inputs", tp, fp, fn))


def run(args) -> int:
    path = shared_path(*DATA)
    if not path.is_file():
        print(f"eval duckling-time: {path} is absent; nothing to evaluate (needs ../shared)")
        return 0
    from ..components.dates.component import annotate
    from ..pipeline import build
    cases = covered_cases(json.loads(path.read_text(encoding="utf-8")))
    nlp = build(components=["tdi_dates"])
    docs = annotate(nlp, [c["input"] for c in cases], [REF] * len(cases))
    verdicts = judge_ours(cases, docs)
    print(f"Duckling Time_FR: {len(cases)} covered inputs (grains {', '.join(GRAINS)}; reference {REF}, a Tuesday)")
    report("tdi_dates", cases, verdicts)
    if not getattr(args, "no_baseline", False):
        report("dateparser", cases, judge_baseline(cases))
    shown = 0
    from ..components import facts
    for case, doc, v in zip(cases, docs, verdicts):
        if not v[0] and shown < getattr(args, "errors", 0):
            shown += 1
            print(f"    FAIL {case['input']!r} expected={case['expected']} "
                  f"ours={[(s.text, s._.value['start'], s._.value['end'], s._.value['granularity']) for s in facts(doc, 'DATE')]}")
    return 0
