"""The draw of the dev_random6a sample (all labels, tuned on by design), chosen before any extractor was run on
the documents.

Eligible (the round-5 partition, residues 1 and 2 only: residue 0 is the blind sample 3, residue 3 goes to the
sample drawn at the same time): AN questions au gouvernement `QANR5L16QG<N>` with N % 4 in RESIDUES, minus every
document of every tests/data/eval/*/sample.jsonl, every id their READMEs name, the ids already used (`used_ids` of
../blind/draw.py) and the stems of corpus/ files. N_AN questions are drawn uniformly at random (seed SEED), with
no density step: the blind samples are ordinary documents drawn uniformly, and so is this one.
Run from the repository root: python tests/data/eval/dev_random6a/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, readme_doc_ids, sample_doc_ids, used_ids  # noqa: E402

SEED, MOD, RESIDUES, N_AN = 6101, 4, (1, 2), 10


def excluded_ids() -> set[str]:
    return sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | {p.stem for p in (REPO / "corpus").iterdir()}


def candidates(excluded: set[str]) -> list[str]:
    """Eligible questions, sorted so that the draw does not depend on the file system's order."""
    ids = []
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD in RESIDUES:
            ids.append(p.stem)
    return sorted(ids)


def draw(seed: int = SEED, n: int = N_AN) -> list[str]:
    return sorted(random.Random(seed).sample(candidates(excluded_ids()), n))


if __name__ == "__main__":
    print(json.dumps({"an": draw()}, indent=1))
