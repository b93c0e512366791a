"""Quantity extractors on the Microsoft Recognizers-Text French specs (../shared/eval/microsoft-recognizers-text).

Files and what is scored (a case passes when our set of (start, end, value) equals the expected one):
- NumberWithUnit/French/CurrencyModel.json: MONEY. Main figure on the euro cases: cases whose expected results
  include unit "Euro" or whose input names the euro (€, euro, EUR); gold = the Euro results, predictions = our
  MONEY spans with currency EUR. The other cases are checked for spurious EUR spans ("EUR, other cases").
  Secondary figure: every currency, span + amount.
- Number/French/PercentModel.json: PERCENT, all cases; "covered" leaves out the forms outside the label
  (exponents "1,1^23", number after the word "pourcentage de vingt", arithmetic "soustraire cinq pour-cent").
- Number/French/NumberModel.json: the shared number grammar (find_numbers) on integer and decimal results; cases
  with fractions, ordinals or other subtypes are left out.
Recognizers' End is inclusive (spans are checked against each result's Text); values use a decimal comma. Cases flagged NotSupported for python upstream are
reported on their own line. Baseline: a plain regular expression (digits, optional thousands, then the symbol).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..config import shared_path
from ._metrics import fmt_row

NAME = "recognizers-numbers"
HELP = "MONEY / PERCENT / numbers on Recognizers-Text French specs (pass rate, P/R/F1, regex baseline)"
EURO_IN_TEXT = re.compile(r"€|\beuros?\b|\beur\b", re.I)
# Not what the PERCENT label covers: exponent notation, and a gold span that takes in a verb.
OUT_OF_SCOPE_PERCENT = re.compile(r"\^|soustraire", re.I)

_NUM = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
BASELINE_MONEY = re.compile(rf"(?P<n>{_NUM})\s?(?P<c>€|euros?|EUR|\$|dollars?|£|livres?|yens?|francs?)(?!\w)", re.I)
BASELINE_PERCENT = re.compile(rf"(?P<n>{_NUM})\s?%")
BASELINE_NUMBER = re.compile(rf"(?<![\w,.])(?:{_NUM})")
BASELINE_CURRENCY = {"€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR"}


def add_arguments(parser) -> None:
    parser.add_argument("--specs", default=None, help="Specs folder (default ../shared/eval/microsoft-recognizers-text/Specs)")
    parser.add_argument("--show", type=int, default=0, help="print up to N failing cases per file")


def baseline_value(s: str) -> float:
    s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    return float(s.replace(",", "."))


def spec_value(raw) -> float | None:
    if raw is None:
        return None
    s = str(raw).rstrip("%").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score(gold: set, pred: set) -> tuple[int, int, int]:
    """tp/fp/fn of (start, end, value) triples; values compared with a tolerance."""
    tp = sum(1 for g in gold if any(g[:2] == p[:2] and same(p[2], g[2]) for p in pred))
    good = sum(1 for p in pred if any(g[:2] == p[:2] and same(p[2], g[2]) for g in gold))
    return tp, len(pred) - good, len(gold) - tp


def platform(case: dict) -> str:
    if "python" in case.get("NotSupportedByDesign", "").lower():
        return "by-design"
    return "not-supported" if "python" in case.get("NotSupported", "").lower() else "runnable"


def gold_span(text: str, r: dict) -> tuple[int, int] | None:
    """(start, end exclusive) of a result. End is inclusive upstream; some flagged cases have it off by one,
    so the span is taken from the result's Text when it is found at or near Start."""
    want = r.get("Text", "").lower()
    start = r.get("Start", r.get("Resolution", {}).get("Start"))
    if start is not None and text[start:start + len(want)].lower() == want:
        return start, start + len(want)
    found = text.lower().find(want) if want else -1
    if found >= 0:
        return found, found + len(want)
    return (start, r["End"] + 1) if start is not None and "End" in r else None


def gold_triples(case: dict, keep) -> set:
    out = set()
    for r in case.get("Results", []):
        span = gold_span(case["Input"], r) if keep(r) else None
        if span:
            out.add((*span, spec_value(r["Resolution"].get("value"))))
    return out


class Tally:
    def __init__(self):
        self.rows: dict[str, list[int]] = {}

    def add(self, key: str, ok: bool, tp: int, fp: int, fn: int) -> None:
        row = self.rows.setdefault(key, [0, 0, 0, 0, 0])
        for i, v in enumerate((1, int(ok), tp, fp, fn)):
            row[i] += v

    def print(self, title: str) -> None:
        for key, (n, ok, tp, fp, fn) in self.rows.items():
            print(f"  {title} {key:<34} {fmt_row('', tp, fp, fn).strip()} pass={ok}/{n} ({ok / n:.1%})")


def pipeline():
    from ..pipeline import build, discover
    names = [name for _, name in discover()]
    return build(components=[c for c in ("tdi_dates", "tdi_quantities") if c in names])


def predictions(doc, label: str, key: str, currency: str | None = None) -> set:
    from ..components import facts
    return {(s.start_char, s.end_char, s._.value[key]) for s in facts(doc, label)
            if currency is None or s._.value.get("currency") == currency}


def _load(root: Path, rel: str) -> list[dict]:
    return json.loads((root / rel).read_text(encoding="utf-8"))


def _currency(nlp, cases: list[dict], show: int) -> None:
    ours, base, ours_all, base_all = Tally(), Tally(), Tally(), Tally()
    shown = 0
    for case in cases:
        text, plat = case["Input"], platform(case)
        doc = nlp(text)
        euro_case = any(r["Resolution"].get("unit") == "Euro" for r in case["Results"]) or EURO_IN_TEXT.search(text)
        gold = gold_triples(case, lambda r: r["Resolution"].get("unit") == "Euro")
        pred = predictions(doc, "MONEY", "amount", "EUR")
        bpred = {(m.start(), m.end(), baseline_value(m.group("n"))) for m in BASELINE_MONEY.finditer(text)
                 if BASELINE_CURRENCY.get(m.group("c").lower()) == "EUR"}
        for tally, p in ((ours, pred), (base, bpred)):
            tp, fp, fn = score(gold, p)
            tally.add(("euro cases " if euro_case else "EUR, other cases ") + plat, fp == fn == 0, tp, fp, fn)
        if pred != gold and shown < show:
            shown += 1
            print(f"    FAIL {text!r}: gold={sorted(gold)} ours={sorted(pred)}")
        gold = gold_triples(case, lambda r: r["Resolution"].get("value") is not None)
        pred = predictions(doc, "MONEY", "amount")
        bpred = {(m.start(), m.end(), baseline_value(m.group("n"))) for m in BASELINE_MONEY.finditer(text)}
        for tally, p in ((ours_all, pred), (base_all, bpred)):
            tp, fp, fn = score(gold, p)
            tally.add("all-currencies " + plat, fp == fn == 0, tp, fp, fn)
    print("CurrencyModel.json (MONEY)")
    ours.print("ours    ")
    base.print("baseline")
    ours_all.print("ours    ")
    base_all.print("baseline")


def _percent(nlp, cases: list[dict], show: int) -> None:
    ours, base = Tally(), Tally()
    shown = 0
    for case in cases:
        text, plat = case["Input"], platform(case)
        gold = gold_triples(case, lambda r: True)
        pred = predictions(nlp(text), "PERCENT", "percent")
        bpred = {(m.start(), m.end(), baseline_value(m.group("n"))) for m in BASELINE_PERCENT.finditer(text)}
        covered = not any(OUT_OF_SCOPE_PERCENT.search(r["Text"]) for r in case["Results"])
        for tally, p in ((ours, pred), (base, bpred)):
            tp, fp, fn = score(gold, p)
            for key in ("all", plat) + (("covered",) if covered else ()):
                tally.add(key, fp == fn == 0, tp, fp, fn)
        if pred != gold and shown < show:
            shown += 1
            print(f"    FAIL {text!r}: gold={sorted(gold)} ours={sorted(pred)}")
    print("PercentModel.json (PERCENT)")
    ours.print("ours    ")
    base.print("baseline")


def _numbers(cases: list[dict], show: int) -> None:
    from ..components.quantities.numbers import find_numbers
    ours, base = Tally(), Tally()
    shown = skipped = 0
    for case in cases:
        text, plat = case["Input"], platform(case)
        if any(r["Resolution"].get("subtype", "integer") not in ("integer", "decimal") for r in case["Results"]):
            skipped += 1
            continue
        gold = gold_triples(case, lambda r: True)
        pred = {(n.start, n.end, n.value) for n in find_numbers(text) if not n.article}   # lone "un": article
        bpred = {(m.start(), m.end(), baseline_value(m.group())) for m in BASELINE_NUMBER.finditer(text)}
        for tally, p in ((ours, pred), (base, bpred)):
            tp, fp, fn = score(gold, p)
            for key in ("all", plat):
                tally.add(key, fp == fn == 0, tp, fp, fn)
        if pred != gold and shown < show:
            shown += 1
            print(f"    FAIL {text!r}: gold={sorted(gold)} ours={sorted(pred)}")
    print(f"NumberModel.json (number grammar; {skipped} cases with fractions/ordinals/other subtypes left out)")
    ours.print("ours    ")
    base.print("baseline")


def run(args) -> int:
    root = Path(args.specs) if getattr(args, "specs", None) else shared_path("eval", "microsoft-recognizers-text", "Specs")
    if not root.is_dir():
        print(f"recognizers-numbers: {root} is absent; nothing to evaluate (needs ../shared/eval)")
        return 0
    show = getattr(args, "show", 0)
    nlp = pipeline()
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    _currency(nlp, _load(root, "NumberWithUnit/French/CurrencyModel.json"), show)
    _percent(nlp, _load(root, "Number/French/PercentModel.json"), show)
    _numbers(_load(root, "Number/French/NumberModel.json"), show)
    return 0


