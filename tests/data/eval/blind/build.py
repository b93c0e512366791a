"""Build sample.jsonl from the hand-written worksheet (worksheet.txt), locating each mention in the raw text.

Worksheet: a block per document, "# doc <id> <source>", then one mention per line, in text order:
    LABEL | span | value
The span is searched from the start of the previous mention, on word boundaries; "left[[span]]right" gives
context to pick the right occurrence. Values: DATE "2019-03-05" (day), "2019-03" (month), "2019" (year) or
"START/END granularity", with " i" when the year is inferred; DURATION "P2Y"; MONEY "1e9 EUR >"; COUNT
"4 unit", "4-5 unit", "10~ unit" (approx); PERCENT "85"; TERRITORY/PERSON/ORG the entity id. "?" = not judged.
Run from the repository root: python tests/data/eval/blind/build.py
"""
from __future__ import annotations

import calendar
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from texts import raw_document  # noqa: E402

UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour"}
KINDS = ("region", "department", "commune", "epci", "tdi", "country")


def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens (the rule of the people and org ids)."""
    spaced = re.sub(r"[^\w]+", " ", name)  # apostrophes and dashes separate words, as in _people_text.slugify
    folded = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def date_value(spec: str) -> dict:
    inferred = spec.endswith(" i")
    spec = spec.removesuffix(" i").strip()
    if "/" in spec:
        span, gran = spec.split(" ")
        start, end = span.split("/")
    elif re.fullmatch(r"\d{4}-\d\d-\d\d", spec):
        start = end = spec
        gran = "day"
    elif re.fullmatch(r"\d{4}-\d\d", spec):
        y, m = map(int, spec.split("-"))
        start, end, gran = f"{spec}-01", f"{spec}-{calendar.monthrange(y, m)[1]:02d}", "month"
    elif re.fullmatch(r"\d{4}", spec):
        start, end, gran = f"{spec}-01-01", f"{spec}-12-31", "year"
    else:
        raise ValueError(f"bad DATE value {spec!r}")
    return {"start": start, "end": end, "granularity": gran, "inferred_year": inferred}


def value_of(label: str, spec: str):
    if spec == "?":
        return None, None
    if label == "DATE":
        return date_value(spec), None
    if label == "DURATION":
        m = re.fullmatch(r"PT?(X|[\d.]+)([YMWDH])", spec)
        amount = None if m.group(1) == "X" else float(m.group(1))
        if amount is not None and amount.is_integer():
            amount = int(amount)
        return {"duration": spec, "amount": amount, "unit": UNITS[m.group(2)]}, None
    if label == "MONEY":
        amount, currency, qualifier = spec.split()
        return {"amount": float(amount), "currency": currency, "qualifier": qualifier}, None
    if label == "COUNT":
        num, unit = spec.split(" ", 1)
        approx = num.endswith("~")
        num = num.rstrip("~")
        lo, _, hi = num.partition("-")
        return {"count": int(float(lo)), "count_max": int(float(hi)) if hi else None, "unit": unit,
                "approx": approx}, None
    if label == "PERCENT":
        return {"percent": float(spec)}, None
    if label == "TERRITORY":
        kind, code = spec.split(":", 1)
        assert kind in KINDS, spec
        return {"kind": kind, "code": code}, spec
    if label in ("PERSON", "ORG", "PROGRAMME"):
        if spec.startswith("="):  # a name to slug: "=Samuel Paty" -> person:samuel-paty
            return None, f"{label.lower()}:{slug(spec[1:])}"
        return None, spec
    raise ValueError(label)


def loose(s: str) -> str:
    """A pattern for s that takes any space for a space and either apostrophe for an apostrophe."""
    out = []
    for ch in s:
        out.append(r"[ \u00a0\u202f]+" if ch == " " else "['’]" if ch in "'’" else re.escape(ch))
    return "".join(out)


def find(raw: str, span: str, frm: int) -> tuple[int, int, str]:
    left, _, rest = span.partition("[[")
    if rest:
        text, _, right = rest.partition("]]")
    else:
        left, text, right = "", span, ""
    pat = loose(left) + "(" + loose(text) + ")" + loose(right)
    for m in re.finditer(r"(?<!\w)" + pat + r"(?!\w)" if not left and not right else pat, raw[frm:]):
        return frm + m.start(1), frm + m.end(1), m.group(1)
    raise LookupError(f"{span!r} not found after {frm}")


def build(worksheet: Path) -> list[dict]:
    docs, cur, raw, pos = [], None, "", 0
    for n, line in enumerate(worksheet.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("# doc "):
            _, _, doc_id, source = line.split(maxsplit=3)
            d = raw_document(source, doc_id)
            raw, pos = d.text, 0
            cur = {"doc": doc_id, "source": source, "window": None,
                   "raw_sha1": hashlib.sha1(raw.encode("utf-8")).hexdigest(), "date": d.date, "mentions": []}
            docs.append(cur)
            continue
        try:
            label, span, spec = (x.strip() for x in line.split(" | "))
            start, end, text = find(raw, span, pos)
            value, entity = value_of(label, spec)
        except Exception as exc:
            raise SystemExit(f"worksheet line {n}: {line!r}: {exc}")
        pos = start + 1
        cur["mentions"].append({"label": label, "start": start, "end": end, "text": text, "value": value,
                                "entity_id": entity})
    return docs


def main(folder: Path) -> None:
    """Build folder/worksheet.txt into folder/sample.jsonl and print the counts."""
    docs = build(folder / "worksheet.txt")
    with open(folder / "sample.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts = {}
    for d in docs:
        for m in d["mentions"]:
            counts[m["label"]] = counts.get(m["label"], 0) + 1
    print(len(docs), "documents", sum(counts.values()), "mentions", counts)


if __name__ == "__main__":
    main(HERE)
