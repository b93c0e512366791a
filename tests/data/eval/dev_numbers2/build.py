"""Build sample.jsonl from this folder's worksheet.txt with the MONEY dev sample's builder (../dev/build.py: the first
blind sample's builder, statements annotated on their first paragraphs). Run from the repository root:
python tests/data/eval/dev_numbers2/build.py
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("dev_build", HERE.parent / "dev" / "build.py")
assert _spec and _spec.loader
dev_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev_build)

if __name__ == "__main__":
    dev_build.main(HERE)
