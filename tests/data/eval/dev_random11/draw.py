"""The draw of the dev_random11 sample (every label, tuned on by design), chosen before any extractor was run on the
documents (issue 14, round 11).

The AN questions au gouvernement and the vie-publique statements outside the blind residues are used up by earlier
samples (12 questions are left, 7 of them in the blind residue), so this round draws from the one source with unread
text left: the AN sittings corpus (data/corpora/an-seance-2021-2022/corpus.jsonl). Excerpts as ../dev_people10/
(`excerpts`): whole speeches from a start speech drawn uniformly at random over the speeches of the three sittings
pooled, until WORDS words, inside one sitting, sharing no speech with an excerpt of any tests/data/eval/*/sample.jsonl
nor with one drawn before; N excerpts with seed SEED. Annotated whole. Run from the repository root:
python tests/data/eval/dev_random11/draw.py
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sibling  # noqa: E402

people10 = sibling("dev_people10", "draw")

SEED, N = 11101, 8


def main() -> None:
    recs = people10.speeches()
    taken = people10.taken_speeches(recs)
    free = sum(len(r["text"].split()) for k, r in enumerate(recs) if k not in taken)
    print(f"{len(recs)} speeches, {len(taken)} in excerpts of earlier samples, {free} words left")
    for ex in people10.excerpts(random.Random(SEED), recs, N):
        print(ex)


if __name__ == "__main__":
    main()
