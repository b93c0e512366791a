"""Build sample.jsonl from this folder's worksheet.txt with the first sample's builder (../blind/build.py).

Run from the repository root: python tests/data/eval/blind4/build.py
With a file argument (an annotator's part), only check that every span is found and every value parses.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from build import build, main  # noqa: E402

if __name__ == "__main__":
    if len(sys.argv) > 1:
        docs = build(Path(sys.argv[1]))
        print(len(docs), "documents", sum(len(d["mentions"]) for d in docs), "mentions: all spans found")
    else:
        main(HERE)
