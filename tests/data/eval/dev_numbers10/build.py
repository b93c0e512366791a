"""Build sample.jsonl from this folder's worksheet.txt with the first blind sample's builder (../blind/build.py).
Unlike ../dev/build.py, the statements of WHOLE are annotated whole (window null); the others on their first
paragraphs (`window`, [0, window_end(raw)] as ../dev/build.py). Run from the repository root:
python tests/data/eval/dev_numbers10/build.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from build import build  # noqa: E402
from draw import sibling  # noqa: E402
from texts import VP_SOURCE, raw_document  # noqa: E402

dev_draw = sibling("dev", "draw")
WHOLE = {"vp-be89e5665569", "vp-1386fe1a3ca1",  # round 1: the two statements eligible (see draw.py)
         "vp-191b03b755f5", "vp-30d3fa2b3154", "vp-404df8fbb962", "vp-616fac3bb370",  # round 2, whole too
         "vp-18e78be646e9", "vp-6d86026da6f5"}  # round 3, whole too


def main(folder: Path = HERE) -> None:
    docs = build(folder / "worksheet.txt")
    for d in docs:
        if d["source"] == VP_SOURCE and d["doc"] not in WHOLE:
            end = dev_draw.window_end(raw_document(d["source"], d["doc"]).text)
            if end is None:
                continue
            d["window"] = [0, end]
            outside = [m["text"] for m in d["mentions"] if m["end"] > end]
            assert not outside, (d["doc"], outside)
    with open(folder / "sample.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts = Counter(m["label"] for d in docs for m in d["mentions"])
    print(len(docs), "documents", sum(counts.values()), "mentions", dict(counts))


if __name__ == "__main__":
    main()
