"""Build sample.jsonl from this folder's worksheet.txt with the dev sample builder (../dev/build.py: the first
blind sample's builder, statements annotated on their first paragraphs). Run from the repository root:
python tests/data/eval/dev_numbers9/build.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sibling  # noqa: E402

if __name__ == "__main__":
    sibling("dev", "build").main(HERE)
