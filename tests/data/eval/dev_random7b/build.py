"""Build sample.jsonl from this folder's worksheet.txt with the first blind sample's builder (../blind/build.py).
Every document of this sample is annotated whole (no window). Run from the repository root:
python tests/data/eval/dev_random7b/build.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from build import build  # noqa: E402

if __name__ == "__main__":
    docs = build(HERE / "worksheet.txt")
    with open(HERE / "sample.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts = Counter(m["label"] for d in docs for m in d["mentions"])
    print(len(docs), "documents", sum(counts.values()), "mentions", dict(counts))
