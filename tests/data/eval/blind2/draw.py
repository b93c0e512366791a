"""Draw the second blind sample: the first sample's draw (../blind/draw.py) with seed 1402 and a wider exclusion.

Excluded: every AN question or statement id named in any file tracked by git outside this folder (sample 1 and
its README, tests, eval data, models/labels, the package), and the stems of corpus/ files.
Run from the repository root: python tests/data/eval/blind2/draw.py  (prints the chosen ids; see README.md).
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 1402
N_AN, N_VP = 12, 7
ID = re.compile(r"QANR5L16QG\d+|vp-[0-9a-f]{12}")

_spec = importlib.util.spec_from_file_location("blind_draw", HERE.parent / "blind" / "draw.py")
assert _spec and _spec.loader
first = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(first)
REPO = first.REPO


def used_ids(folder: Path = HERE, also_skip: tuple[str, ...] = ()) -> set[str]:
    """Every id named in a tracked file outside folder (and outside the paths starting with also_skip), plus
    corpus/ stems."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    skip = (folder.relative_to(REPO).as_posix() + "/",) + also_skip
    used = {p.stem for p in (REPO / "corpus").iterdir()}
    for name in files.splitlines():
        path = REPO / name
        if name.startswith(skip) or not path.is_file():
            continue
        used.update(ID.findall(path.read_bytes().decode("utf-8", "ignore")))
    return used


if __name__ == "__main__":
    an, vp = first.draw(SEED, N_AN, N_VP, used_ids())
    print(json.dumps({"an": an, "vp": vp}, indent=1))
