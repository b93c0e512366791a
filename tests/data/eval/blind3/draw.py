"""Draw the third blind sample: round 5's partition, residue K = 0, uniformly at random (seed SEED).

Eligible: AN questions au gouvernement `QANR5L16QG<n>` with n % 4 == K and vie-publique 2020 statements of 300-1500
words at a 0-based line index i of statements.jsonl with i % 4 == K, minus the stems of corpus/ files and every id named in any file tracked by git
outside this folder (the second sample's exclusion, ../blind2/draw.py `used_ids`), except the judgements that used no
extraction output and gave no rule: the theme labels (models/labels/) and the search, already-asked and draft-request
judgements (NOT_EXTRACTION). Those name every AN question, so the second sample's exclusion leaves none.
Run from the repository root: python tests/data/eval/blind3/draw.py  (prints the chosen ids; see README.md).
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, VP_FILE, sibling, vp_id  # noqa: E402

SEED, K, MOD = 1503, 0, 4
N_AN, N_VP = 12, 6
NOT_EXTRACTION = ("models/labels/", "tests/data/eval/search_queries.jsonl", "tests/data/eval/already_asked.jsonl",
                  "tests/data/eval/draft_requests.jsonl")


def number(doc: str) -> int:
    return int(re.sub(r"\D", "", doc.removeprefix("QANR5L16QG")))


def draw() -> tuple[list[str], list[str]]:
    used = sibling("blind2", "draw").used_ids(HERE, NOT_EXTRACTION)
    an = sorted((p.stem for p in AN_DIR.glob("QANR5L16QG*.json") if number(p.stem) % MOD == K and p.stem not in used),
                key=number)
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        if i % MOD == K and vp_id(rec) not in used and 300 <= len((rec.get("text_plain") or "").split()) <= 1500:
            vp.append(vp_id(rec))
    rng = random.Random(SEED)
    return sorted(rng.sample(an, N_AN), key=number), sorted(rng.sample(sorted(set(vp)), N_VP))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
