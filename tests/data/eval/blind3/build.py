"""Build sample.jsonl from this folder's worksheet.txt with the first sample's builder (../blind/build.py).

Run from the repository root: python tests/data/eval/blind3/build.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from build import main  # noqa: E402

if __name__ == "__main__":
    main(HERE)
