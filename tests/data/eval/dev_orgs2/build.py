"""Build sample.jsonl from this folder's worksheet.txt with the ORG dev sample's builder (../dev_orgs/build.py: the
first blind sample's builder, plus sitting excerpts). Run from the repository root:
python tests/data/eval/dev_orgs2/build.py
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("dev_orgs_build", HERE.parent / "dev_orgs" / "build.py")
assert _spec and _spec.loader
dev_orgs_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev_orgs_build)

if __name__ == "__main__":
    dev_orgs_build.main(HERE)
