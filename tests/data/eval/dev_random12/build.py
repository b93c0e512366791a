"""Build sample.jsonl from this folder's worksheet.txt with the sittings-aware builder of ../dev_orgs/build.py (the
first blind sample's builder, with `tdi_nlp.eval.blind.seance_excerpt` for the sitting excerpts). Every excerpt is
annotated whole. Run from the repository root: python tests/data/eval/dev_random12/build.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sibling  # noqa: E402

if __name__ == "__main__":
    sibling("dev_orgs", "build").main(HERE)
