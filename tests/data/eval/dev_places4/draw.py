"""The draw of the dev_places4 sample (TERRITORY and PROGRAMME, tuned on by design), chosen before any extractor
was run on the documents.

Eligible (the round-4 partition, residue 0): AN questions au gouvernement `QANR5L16QG<n>` with n % 3 == 0 and
vie-publique 2020 statements of 300 words or more at a 0-based line index i with i % 3 == 0 of statements.jsonl,
minus every document of every tests/data/eval/*/sample.jsonl and the stems of corpus/ files. N_AN questions and
N_VP statements are drawn AT RANDOM (seed 4142) among all eligible ones, not the richest: ordinary documents are
where false places live. That round held 161 mentions (fewer than the ~300 asked), so a second round draws N2_AN
questions and N2_VP statements more, at random with the same generator, among the eligible ones left (drawn and
annotated before any system was run on either round). A third round (N3_AN questions, N3_VP statements, the same
generator again) was drawn and annotated after the rules of rounds 1-2 were written, before the system was run on
it: a check of those rules on text they were not written from. A statement is annotated on its window (../dev/draw.py
`window_end`).
Run from the repository root: python tests/data/eval/dev_places4/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, sample_doc_ids, vp_id  # noqa: E402

SEED, N_AN, N_VP = 4142, 14, 10
N2_AN, N2_VP = 12, 8
N3_AN, N3_VP = 8, 6


def excluded_ids() -> set[str]:
    return {p.stem for p in (REPO / "corpus").iterdir()} | sample_doc_ids(HERE)


def eligible(excluded: set[str]) -> tuple[list[str], list[str]]:
    an = sorted(p.stem for p in AN_DIR.glob("QANR5L16QG*.json")
                if int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG"))) % 3 == 0 and p.stem not in excluded)
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        if i % 3 == 0 and vp_id(rec) not in excluded and len((rec.get("text_plain") or "").split()) >= 300:
            vp.append(vp_id(rec))
    return an, sorted(set(vp))


def draw() -> tuple[list[str], list[str]]:
    an, vp = eligible(excluded_ids())
    rng = random.Random(SEED)
    first_an, first_vp = sorted(rng.sample(an, N_AN)), sorted(rng.sample(vp, N_VP))
    an = [d for d in an if d not in first_an]
    vp = [d for d in vp if d not in first_vp]
    second_an, second_vp = rng.sample(an, N2_AN), rng.sample(vp, N2_VP)
    an = [d for d in an if d not in second_an]
    vp = [d for d in vp if d not in second_vp]
    return (sorted(first_an + second_an + rng.sample(an, N3_AN)),
            sorted(first_vp + second_vp + rng.sample(vp, N3_VP)))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
