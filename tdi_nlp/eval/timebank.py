"""French TimeBank (development half): TIMEX3 span and value scores of the tdi_dates extractor, TempEval-3 style.

Spans: strict (same offsets) and relaxed (overlap, one-to-one) P/R/F1 per TIMEX3 type and for all types.
A DATE fact with a time of day ("hier soir") counts as TIME; DURATION facts as DURATION.
Values: our value rendered as TIMEX3 (components.dates.values.to_timex; a range is compared on its start, TempEval
convention for a single TIMEX3 of a range); "value acc." is the share of relaxed matches with the right value,
"value F1" counts only those. Gold placeholders X (e.g. XXXX-07-15) match any digit (also printed strictly).
Baseline: dateparser.search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": dct}), every hit a DATE
valued by its day.
"""
from __future__ import annotations

import json
from datetime import datetime

from ..config import shared_path
from ._metrics import fmt_row, prf

NAME = "timebank"
HELP = "French TimeBank dev half: DATE/DURATION span and value scores beside dateparser.search_dates"
DATA = ("eval", "french-timebank", "ftb_dev.json")
TYPES = ("DATE", "DURATION", "TIME")


def add_arguments(parser) -> None:
    parser.add_argument("--errors", action="store_true", help="print missed and spurious DATE/DURATION spans")
    parser.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    parser.add_argument("--convention", choices=("timeml", "guide"), default="timeml",
                        help="annotation convention of vague periods: timeml (TimeBank's, default) or guide "
                             "(the blind-sample GUIDE's, what extraction applies by default)")


def load():
    path = shared_path(*DATA)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def system_items(docs) -> list[list[dict]]:
    from ..components import facts
    from ..components.dates.values import to_timex
    out = []
    for doc in docs:
        items = []
        for span in facts(doc):
            v = span._.value
            if span.label_ == "DATE":
                items.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                              "type": "TIME" if v.get("part") else "DATE", "value": to_timex(v)})
            elif span.label_ == "DURATION":
                items.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                              "type": "DURATION", "value": v["duration"]})
        out.append(items)
    return out


def baseline_items(data) -> list[list[dict]]:
    from dateparser.search import search_dates
    out = []
    for d in data:
        ref = datetime.fromisoformat(d["dct"])
        found = search_dates(d["text"], languages=["fr"], settings={"RELATIVE_BASE": ref}) or []
        items, pos = [], 0
        for sub, dt in found:
            i = d["text"].find(sub, pos)
            if i < 0:
                continue
            pos = i + len(sub)
            items.append({"start": i, "end": pos, "text": sub, "type": "DATE", "value": dt.date().isoformat()})
        out.append(items)
    return out


def value_ok(gold: str, ours: str, wildcard: bool) -> bool:
    if not wildcard:
        return gold == ours
    return len(gold) == len(ours) and all(g == o or g == "X" for g, o in zip(gold, ours))


def match(gold: list[dict], sys: list[dict], relaxed: bool) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        for j, s in enumerate(sys):
            if j in used:
                continue
            hit = (s["start"] < g["end"] and g["start"] < s["end"]) if relaxed else (s["start"], s["end"]) == (g["start"], g["end"])
            if hit:
                pairs.append((g, s))
                used.add(j)
                break
    return pairs


def score(data, systems, types=TYPES) -> dict:
    res = {}
    for t in (*types, "ALL"):
        c = dict(strict=0, relaxed=0, gold=0, sys=0, val=0, val_strict=0)
        for d, sys in zip(data, systems):
            gold = [g for g in d["timex3"] if t == "ALL" or g["type"] == t]
            mine = [s for s in sys if t == "ALL" or s["type"] == t]
            c["gold"] += len(gold)
            c["sys"] += len(mine)
            c["strict"] += len(match(gold, mine, False))
            pairs = match(gold, mine, True)
            c["relaxed"] += len(pairs)
            c["val"] += sum(value_ok(g["value"], s["value"], True) for g, s in pairs)
            c["val_strict"] += sum(value_ok(g["value"], s["value"], False) for g, s in pairs)
        res[t] = c
    return res


def report(title: str, res: dict, types) -> None:
    print(f"== {title}")
    for t in (*types, "ALL"):
        c = res[t]
        if not c["gold"] and not c["sys"]:
            continue
        print(fmt_row(f"{t} strict", c["strict"], c["sys"] - c["strict"], c["gold"] - c["strict"]))
        print(fmt_row(f"{t} relaxed", c["relaxed"], c["sys"] - c["relaxed"], c["gold"] - c["relaxed"]))
        if t != "ALL":
            acc = c["val"] / c["relaxed"] if c["relaxed"] else 0.0
            acc_s = c["val_strict"] / c["relaxed"] if c["relaxed"] else 0.0
            _, _, vf = prf(c["val"], c["sys"] - c["val"], c["gold"] - c["val"])
            print(f"{t + ' value':<28} acc={acc:.3f} (strict X: {acc_s:.3f}) value F1={vf:.3f} "
                  f"({c['val']}/{c['relaxed']} matched)")


def print_errors(data, systems) -> None:
    for d, sys in zip(data, systems):
        gold = [g for g in d["timex3"] if g["type"] in ("DATE", "DURATION")]
        mine = [s for s in sys if s["type"] in ("DATE", "DURATION")]
        pairs = match(gold, mine, True)
        hit_g = {id(g) for g, _ in pairs}
        hit_s = {id(s) for _, s in pairs}
        for g in gold:
            if id(g) not in hit_g:
                print(f"  MISS {d['dct']} {g['type']:<8} {g['text']!r} {g['value']}")
        for s in mine:
            if id(s) not in hit_s:
                ctx = d["text"][max(0, s["start"] - 30):s["end"] + 30].replace("\n", " ")
                print(f"  SPUR {d['dct']} {s['type']:<8} {s['text']!r} {s['value']}   …{ctx}…")
        for g, s in pairs:
            if not value_ok(g["value"], s["value"], True):
                print(f"  VAL  {d['dct']} {g['type']:<8} {g['text']!r} gold={g['value']} ours={s['value']} ({s['text']!r})")


def run(args) -> int:
    data = load()
    if data is None:
        print(f"eval timebank: {shared_path(*DATA)} is absent; nothing to evaluate (needs ../shared)")
        return 0
    from ..components.dates.component import annotate
    from ..pipeline import build
    nlp = build(components=["tdi_dates"])
    convention = getattr(args, "convention", "timeml")
    docs = annotate(nlp, [d["text"] for d in data], [d["dct"] for d in data], convention=convention)
    ours = system_items(docs)
    print(f"French TimeBank dev: {len(data)} documents, {sum(len(d['timex3']) for d in data)} TIMEX3 "
          f"(convention {convention})")
    report("tdi_dates", score(data, ours), TYPES)
    if not getattr(args, "no_baseline", False):
        report("baseline dateparser.search_dates (all hits typed DATE)", score(data, baseline_items(data), ("DATE",)), ("DATE",))
    print("anchor (published, whole corpus, all types): HeidelTime 1.8 strict F1 0.860, relaxed F1 0.910, value F1 0.736")
    if getattr(args, "errors", False):
        print_errors(data, ours)
    return 0
