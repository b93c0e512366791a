"""Quantity extractors on Duckling's French corpora (../shared/eval/facebook-duckling), whole-string inputs.

- Numeral_FR.json: ``parse_number`` (the number grammar shared by COUNT, MONEY, PERCENT) must give the value.
  Baseline: text2num on the words, float() on the digits.
- AmountOfMoney_FR.json: the MONEY extractor on each input; a case passes when exactly one MONEY span is found
  with the expected amount and currency, and for bounds the direction ("plus de 10 euros": > or >=; "moins de":
  < or <=), for ranges amount and amount_max. Duckling's "Unnamed" currency ("3 balles") has no ISO code: those
  cases are reported apart. Baseline: digits followed by a currency symbol or name.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..config import shared_path
from .recognizers_numbers import baseline_value, pipeline, same

NAME = "duckling-numbers"
HELP = "number grammar and MONEY on Duckling French Numeral/AmountOfMoney corpora (pass rate, baseline)"
CURRENCY = {"EUR": "EUR", "Dollar": "USD", "USD": "USD", "Pound": "GBP", "GBP": "GBP", "ILS": "ILS",
            "Rial": "IRR", "Riyal": "SAR"}
BOUND = {"above": (">", ">="), "under": ("<", "<=")}
BASELINE_MONEY = re.compile(r"(?P<n>\d+(?:[ .]\d{3})*(?:,\d+)?)\s?(?P<c>€|euros?|\$|dollars?|£|livres?)(?!\w)", re.I)
BASELINE_CODE = {"€": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "dollar": "USD", "dollars": "USD",
                 "£": "GBP", "livre": "GBP", "livres": "GBP"}


def add_arguments(parser) -> None:
    parser.add_argument("--dir", default=None, help="Duckling folder (default ../shared/eval/facebook-duckling)")
    parser.add_argument("--show", type=int, default=0, help="print up to N failing inputs per file")


def _baseline_number(text: str) -> float | None:
    from text_to_num import text2num
    try:
        return float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        pass
    try:
        return float(text2num(text, "fr"))
    except (ValueError, IndexError):
        return None


def _money_ok(spans: list[dict], exp: dict) -> bool:
    if len(spans) != 1:
        return False
    v = spans[0]
    if v.get("currency") != CURRENCY.get(exp.get("unit") or ""):
        return False
    kind = exp["kind"]
    if kind == "amount-range":
        return same(v["amount"], exp["from"]) and same(v.get("amount_max"), exp["to"])
    if not same(v["amount"], exp["value"]) or "amount_max" in v:
        return False
    if kind == "amount-bound":
        return v["qualifier"] in BOUND[exp["bound"]]
    return v["qualifier"] in ("=", "~")


def _baseline_money(text: str) -> list[dict]:
    return [{"amount": baseline_value(m.group("n")), "currency": BASELINE_CODE[m.group("c").lower()], "qualifier": "="}
            for m in BASELINE_MONEY.finditer(text)]


def _row(name: str, ok: int, n: int) -> str:
    return f"  {name:<40} pass={ok}/{n} ({ok / n:.1%})" if n else f"  {name:<40} no cases"


def run(args) -> int:
    root = Path(args.dir) if getattr(args, "dir", None) else shared_path("eval", "facebook-duckling")
    if not root.is_dir():
        print(f"duckling-numbers: {root} is absent; nothing to evaluate (needs ../shared/eval)")
        return 0
    from ..components import facts
    from ..components.quantities.numbers import parse_number
    show = getattr(args, "show", 0)

    blocks = json.loads((root / "Numeral_FR.json").read_text(encoding="utf-8"))["blocks"]
    n = ok = base = 0
    for block in blocks:
        for text in block["inputs"]:
            n += 1
            got = parse_number(text)
            ok += same(got, block["expected"]["value"])
            base += same(_baseline_number(text), block["expected"]["value"])
            if not same(got, block["expected"]["value"]) and show:
                print(f"    FAIL {text!r}: expected {block['expected']['value']} got {got}")
    print("Numeral_FR.json (parse_number, whole string)")
    print(_row("ours", ok, n))
    print(_row("baseline (text2num / float)", base, n))

    nlp = pipeline()
    blocks = json.loads((root / "AmountOfMoney_FR.json").read_text(encoding="utf-8"))["blocks"]
    tallies: dict[str, list[int]] = {}
    for block in blocks:
        exp = block["expected"]
        named = exp.get("unit") in CURRENCY
        for text in block["inputs"]:
            spans = [s._.value for s in facts(nlp(text), "MONEY")]
            good, bgood = _money_ok(spans, exp), _money_ok(_baseline_money(text), exp)
            keys = ["all"] + (["euro"] if exp.get("unit") == "EUR" else []) + (["named currencies"] if named else [])
            for key in keys:
                row = tallies.setdefault(key, [0, 0, 0])
                row[0] += 1
                row[1] += good
                row[2] += bgood
            if not good and show:
                print(f"    FAIL {text!r}: expected {exp} got {spans}")
    print("AmountOfMoney_FR.json (MONEY, whole string)")
    for key, (total, passed, base_passed) in tallies.items():
        print(_row(f"ours {key}", passed, total))
        print(_row(f"baseline {key}", base_passed, total))
    return 0
