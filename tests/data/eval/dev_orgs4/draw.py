"""The draw of the dev_orgs4 sample (ORG and PERSON, tuned on by design), chosen before any extractor was run on the
documents.

Eligible (round 4's partition, residue K = 1): AN questions au gouvernement `QANR5L16QG<n>` with n % 3 == 1 and
vie-publique 2020 statements at a 0-based line index i with i % 3 == 1 of statements.jsonl, of MIN_WORDS words or
more, minus every document of every tests/data/eval/*/sample.jsonl, the judged extraction samples, ids named in
tests/*.py or under tdi_nlp/ and the stems of corpus/ files (dev_people3's `excluded`). Plain random draw, no
richness score (ordinary documents are where false positives live): N_AN questions and N_VP statements (seed 4401).
That round held about 250 mentions, short of the 300 asked, so a second round (seed 4402) draws N2_AN questions and
N2_VP statements more among those left, the same way.
Run from the repository root: python tests/data/eval/dev_orgs4/draw.py
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, VP_FILE, sibling, vp_id  # noqa: E402

people3 = sibling("dev_people3", "draw")

SEED, K, N_AN, N_VP, MIN_WORDS = 4401, 1, 14, 8, 150
N2_AN, N2_VP = 4, 2


def draw(seed: int = SEED, n_an: int = N_AN, n_vp: int = N_VP,
         before: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    taken = people3.excluded() | people3.sample_doc_ids(HERE) | set(before)
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        if i % 3 == K and vp_id(rec) not in taken and len((rec.get("text_plain") or "").split()) >= MIN_WORDS:
            vp.append(vp_id(rec))
    number = lambda i: int(i.removeprefix("QANR5L16QG"))  # noqa: E731
    an = sorted((p.stem for p in AN_DIR.glob("QANR5L16QG*.json")
                 if number(p.stem) % 3 == K and p.stem not in taken), key=number)
    rng = random.Random(seed)
    return sorted(rng.sample(an, n_an), key=number), sorted(rng.sample(sorted(set(vp)), n_vp))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
    an2, vp2 = draw(SEED + 1, N2_AN, N2_VP, tuple(an + vp))   # round 2
    print(json.dumps({"an": an2, "vp": vp2}, indent=1))
