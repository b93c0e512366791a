"""Draw the fourth blind sample: round 5's partition, residue K = 0 (the third sample's pool), seed SEED.

Eligible as in ../blind3/draw.py: AN questions au gouvernement `QANR5L16QG<n>` with n % 4 == 0 and vie-publique
2020 statements of 300-1500 words at a line index i % 4 == 0, minus the corpus/ stems and every id named in a file
tracked by git outside this folder, except the judgements that used no extraction output (NOT_EXTRACTION). The
third sample names its 18 documents, so they are excluded. All eligible statements are taken (few are left), and
N_AN questions uniformly at random.
Run from the repository root: python tests/data/eval/blind4/draw.py  (prints the chosen ids; see README.md).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, VP_FILE, sibling, vp_id  # noqa: E402

SEED, K, MOD = 4004, 0, 4
N_AN, MAX_VP = 13, 5
third = sibling("blind3", "draw")


def draw() -> tuple[list[str], list[str]]:
    used = sibling("blind2", "draw").used_ids(HERE, third.NOT_EXTRACTION)
    an = sorted((p.stem for p in AN_DIR.glob("QANR5L16QG*.json")
                 if third.number(p.stem) % MOD == K and p.stem not in used), key=third.number)
    vp = set()
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        if i % MOD == K and vp_id(rec) not in used and 300 <= len((rec.get("text_plain") or "").split()) <= 1500:
            vp.add(vp_id(rec))
    rng = random.Random(SEED)
    vp_sorted = sorted(vp)
    chosen_vp = sorted(rng.sample(vp_sorted, min(MAX_VP, len(vp_sorted))))
    return sorted(rng.sample(an, N_AN), key=third.number), chosen_vp


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
