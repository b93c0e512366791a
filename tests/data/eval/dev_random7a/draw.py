"""The draw of the dev_random7a sample (all labels, tuned on by design), chosen before any extractor was run on
the documents.

Eligible (the round-5 partition, never residue 0, which is the blind sample 3): AN questions au gouvernement
`QANR5L16QG<N>` with N % 4 == 1 (residues 2 and 3 go to another sample of round 7, drawn at the same time) and
vie-publique 2020 statements at a 0-based line index i of statements.jsonl with i % 4 == 1, of MIN_WORDS to
MAX_WORDS words, minus every document of every tests/data/eval/*/sample.jsonl, every id their READMEs name, the
ids already used (`used_ids` of ../blind/draw.py) and the stems of corpus/ files. N_AN questions and N_VP
statements are drawn uniformly at random (seed SEED), with no density step; when fewer than N_VP statements are
eligible (one was, at the draw), all of them are taken. Every document is annotated whole.
Run from the repository root: python tests/data/eval/dev_random7a/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, readme_doc_ids, sample_doc_ids, used_ids, vp_id  # noqa: E402

SEED, MOD, RESIDUE = 7101, 4, 1
N_AN, N_VP = 8, 4
MIN_WORDS, MAX_WORDS = 300, 1500


def excluded_ids() -> set[str]:
    return sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | {p.stem for p in (REPO / "corpus").iterdir()}


def candidates(excluded: set[str]) -> tuple[list[str], list[str]]:
    """Eligible questions and statements, sorted so that the draw does not depend on the file system's order."""
    an = []
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD == RESIDUE:
            an.append(p.stem)
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        words = len((rec.get("text_plain") or "").split())
        if i % MOD == RESIDUE and vp_id(rec) not in excluded and MIN_WORDS <= words <= MAX_WORDS:
            vp.append(vp_id(rec))
    return sorted(an), sorted(set(vp))


def draw(seed: int = SEED) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids())
    rng = random.Random(seed)
    return sorted(rng.sample(an, N_AN)), sorted(rng.sample(vp, min(N_VP, len(vp))))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
