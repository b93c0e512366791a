"""Build sample.jsonl from this folder's worksheet.txt with the sittings-aware builder of ../dev_orgs/build.py (as
../dev_random12/build.py), then check every mention: its text is the raw text at its offsets, and (spaces and
apostrophes aside) the worksheet's span. Every excerpt is annotated whole. Run from the repository root:
python tests/data/eval/dev_random13/build.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sibling  # noqa: E402


def check(folder: Path = HERE) -> None:
    orgs = sibling("dev_orgs", "build")  # patches build.raw_document for the sitting excerpts
    n = 0
    for line in (folder / "sample.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        raw = orgs.raw_document(d["source"], d["doc"]).text
        for m in d["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"], (d["doc"], m)
            assert m["text"].strip() == m["text"] and m["text"], (d["doc"], m)
            n += 1
    print(n, "mentions checked against the raw text")


if __name__ == "__main__":
    sibling("dev_orgs", "build").main(HERE)
    check()
