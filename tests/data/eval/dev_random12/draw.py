"""The draw of the dev_random12 sample (every label, tuned on by design), chosen before any extractor was run on the
documents (issue 14, round 12).

The AN questions au gouvernement and the vie-publique statements outside the blind residues are used up by earlier
samples (12 questions are left, 7 of them in the blind residue), so this round draws from the one source with unread
text left: the AN sittings corpus (data/corpora/an-seance-2021-2022/corpus.jsonl). Excerpts as ../dev_people10/
(`excerpts`): whole speeches from a start speech drawn uniformly at random over the speeches of the three sittings
pooled, until WORDS words, inside one sitting, sharing no speech with an excerpt of any tests/data/eval/*/sample.jsonl
nor with one drawn before; N excerpts with seed SEED. Annotated whole.
Round 2 (`--round2`, seed SEED + 1, drawn after round 1 was annotated and committed, before any scoring): round 1
held 188 mentions, 35 of them figures, so N2 excerpts more, dense in figures: POOL2 candidate excerpts drawn as
above (none sharing a speech with round 1 or with each other), then N2 among the 3 N2 densest in figure words
(`density` of ../dev_numbers2/draw.py). Run from the repository root:
python tests/data/eval/dev_random12/draw.py [--round2 [--round3]]
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sample_doc_ids, sibling  # noqa: E402

people10 = sibling("dev_people10", "draw")
# people10 counts the excerpts of every sample but its own; this draw counts dev_people10's and leaves out its own
people10.sample_doc_ids = lambda _skip: sample_doc_ids(HERE)
numbers2 = sibling("dev_numbers2", "draw")

SEED, N = 12101, 8
N2, POOL2 = 7, 60
N3, POOL3 = 3, 20  # round 3 (seed SEED + 2): rounds 1-2 held 360 mentions, short of the 400 the issue asks


def main() -> None:
    recs = people10.speeches()
    taken = people10.taken_speeches(recs)
    free = sum(len(r["text"].split()) for k, r in enumerate(recs) if k not in taken)
    print(f"{len(recs)} speeches, {len(taken)} in excerpts of earlier samples, {free} words left")
    first = people10.excerpts(random.Random(SEED), recs, N)
    if "--round2" not in sys.argv:
        print("\n".join(first))
        return
    rng = random.Random(SEED + 1)
    pool = people10.excerpts(rng, recs, POOL2, before=tuple(first))
    text = {ex: "\n".join(recs[k]["text"] for k in span(recs, ex)) for ex in pool}
    dense = sorted(pool, key=lambda ex: (-numbers2.density(text[ex]), ex))[:3 * N2]
    second = sorted(rng.sample(dense, N2))
    if "--round3" not in sys.argv:
        for ex in second:
            print(ex, f"{numbers2.density(text[ex]):.2f}")
        return
    rng = random.Random(SEED + 2)
    pool = people10.excerpts(rng, recs, POOL3, before=tuple(first + second))
    text = {ex: "\n".join(recs[k]["text"] for k in span(recs, ex)) for ex in pool}
    dense = sorted(pool, key=lambda ex: (-numbers2.density(text[ex]), ex))[:3 * N3]
    for ex in sorted(rng.sample(dense, N3)):
        print(ex, f"{numbers2.density(text[ex]):.2f}")


span = sibling("dev_random11", "draw").span   # the speeches of an excerpt id


if __name__ == "__main__":
    main()
