"""MONEY and the number grammar on the price-parser euro examples (../shared/eval/scrapinghub-price-parser).

Each example is a short price string with its expected amount. Strings that name the euro (€, EUR, euro) are run
through the MONEY extractor: pass when the first MONEY span in EUR has the amount. Strings without a currency are
read by the number grammar alone (first number found). Upstream expected failures (lists ending in _XFAIL) and
examples without a price are reported apart. Baseline: digits (space or dot thousands, comma decimal) before or
after the euro sign.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..config import shared_path
from .recognizers_numbers import baseline_value, pipeline, same

NAME = "price-parser"
HELP = "MONEY / number grammar on price-parser euro examples (pass rate, regex baseline)"
EURO = re.compile(r"€|\beur\b|\beuros?\b", re.I)
BASELINE = re.compile(r"(?:€\s?)?(?P<n>\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")


def add_arguments(parser) -> None:
    parser.add_argument("--file", default=None, help="price_parser_euro_examples.json (default in ../shared/eval)")
    parser.add_argument("--show", type=int, default=0, help="print up to N failing examples")


def run(args) -> int:
    path = Path(args.file) if getattr(args, "file", None) else shared_path(
        "eval", "scrapinghub-price-parser", "price_parser_euro_examples.json")
    if not path.is_file():
        print(f"price-parser: {path} is absent; nothing to evaluate (needs ../shared/eval)")
        return 0
    from ..components import facts
    from ..components.quantities.numbers import find_numbers
    examples = json.loads(path.read_text(encoding="utf-8"))["euro_examples"]
    nlp = pipeline()
    rows: dict[str, list[int]] = {}
    shown = 0
    for ex in examples:
        text, raw = ex["price_raw"] or "", ex["amount_float"]
        gold = float(raw) if raw is not None else None
        if ex["list"].endswith("_XFAIL"):
            group = "upstream xfail"
        elif gold is None:
            group = "no price"
        elif EURO.search(text):
            group = "MONEY (euro in string)"
        else:
            group = "number grammar (no currency)"
        if group.startswith("MONEY") or group == "upstream xfail":
            money = [s._.value["amount"] for s in facts(nlp(text), "MONEY") if s._.value["currency"] == "EUR"]
            got = money[0] if money else None
        else:
            nums = [n.value for n in find_numbers(text) if not n.article]
            got = nums[0] if nums else None
        b = BASELINE.search(text)
        base = baseline_value(b.group("n")) if b else None
        ok = (got is None) if gold is None else same(got, gold)
        bok = (base is None) if gold is None else same(base, gold)
        row = rows.setdefault(group, [0, 0, 0])
        row[0] += 1
        row[1] += ok
        row[2] += bok
        if not ok and shown < getattr(args, "show", 0):
            shown += 1
            print(f"    FAIL {text!r}: expected {gold} got {got}")
    print(f"price_parser_euro_examples.json ({len(examples)} examples)")
    for group, (n, passed, base_passed) in rows.items():
        print(f"  {group:<32} ours pass={passed}/{n} ({passed / n:.1%})   "
              f"baseline pass={base_passed}/{n} ({base_passed / n:.1%})")
    return 0
