"""The draw of the dev_random13 sample (every label), chosen before any extractor was run on the documents (issue 14,
round 13).

As ../dev_random12/draw.py, from the AN sittings corpus (data/corpora/an-seance-2021-2022/corpus.jsonl): excerpts as
../dev_people10/ (`excerpts`): whole speeches from a start speech drawn uniformly at random over the speeches of the
three sittings pooled, until WORDS words, inside one sitting, sharing no speech with an excerpt of any
tests/data/eval/*/sample.jsonl (every folder but this one, dev_random12 included) nor with one drawn before.
Round 1 (seed SEED): N excerpts drawn uniformly. Round 2 (`--round2`, seed SEED + 1): POOL2 candidate excerpts drawn
as above (none sharing a speech with round 1 or with each other), then N2 among the 3 N2 densest in figure words
(`density` of ../dev_numbers2/draw.py). Round 3 (`--round3`, seed SEED + 2, only if rounds 1-2 hold fewer than 420
mentions): N3 among the 3 N3 densest of POOL3 candidates. Run from the repository root:
python tests/data/eval/dev_random13/draw.py [--round2 [--round3]]
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import sample_doc_ids, sibling  # noqa: E402

people10 = sibling("dev_people10", "draw")
# people10 counts the excerpts of every sample but its own; this draw counts every other folder's (dev_people10's and
# dev_random12's included) and leaves out only its own
people10.sample_doc_ids = lambda _skip: sample_doc_ids(HERE)
numbers2 = sibling("dev_numbers2", "draw")

SEED, N = 13101, 8
N2, POOL2 = 7, 60
N3, POOL3 = 3, 20


span = sibling("dev_random11", "draw").span   # the speeches of an excerpt id


def excerpts(rng: random.Random, recs: list[dict], n: int, before: tuple[str, ...] = ()) -> list[str]:
    """people10's `excerpts` with the same random stream, but stopping when no free start is left: the corpus left
    after the earlier samples no longer holds POOL2 disjoint excerpts, and people10's loop would never end."""
    taken, out = people10.taken_speeches(recs), []
    for ex in before:
        taken.update(span(recs, ex))

    def window(i: int) -> range | None:
        j, words = i, 0
        while words < people10.WORDS and j < len(recs) and recs[j]["session_uid"] == recs[i]["session_uid"]:
            words += len(recs[j]["text"].split())
            j += 1
        return None if words < people10.WORDS or taken & set(range(i, j)) else range(i, j)

    while len(out) < n and any(window(i) for i in range(len(recs))):
        i = rng.randrange(len(recs))
        w = window(i)
        if w is None:
            continue
        taken.update(w)
        out.append(f"seance-{recs[i]['session_uid']}-{recs[i]['syceron_id']}-{recs[w[-1]]['syceron_id']}")
    return out


def densest(rng: random.Random, recs: list[dict], pool: list[str], n: int) -> list[str]:
    text = {ex: "\n".join(recs[k]["text"] for k in span(recs, ex)) for ex in pool}
    dense = sorted(pool, key=lambda ex: (-numbers2.density(text[ex]), ex))[:3 * n]
    return [(ex, numbers2.density(text[ex])) for ex in sorted(rng.sample(dense, n))]


def main() -> None:
    recs = people10.speeches()
    taken = people10.taken_speeches(recs)
    free = sum(len(r["text"].split()) for k, r in enumerate(recs) if k not in taken)
    print(f"{len(recs)} speeches, {len(taken)} in excerpts of earlier samples, {free} words left")
    # check: every speech of dev_random12's excerpts is counted as taken
    r12 = {d for d in sample_doc_ids(HERE.parent / "dev_random13_none") if d.startswith("seance-")}
    own12 = {line.split('"doc": "')[1].split('"')[0]
             for line in (HERE.parent / "dev_random12" / "sample.jsonl").read_text(encoding="utf-8").splitlines()}
    assert own12 <= r12 and all(set(span(recs, ex)) <= taken for ex in own12), "dev_random12 not excluded"
    first = excerpts(random.Random(SEED), recs, N)
    assert first == people10.excerpts(random.Random(SEED), recs, N)
    print("round 1:")
    print("\n".join(first))
    if "--round2" not in sys.argv:
        return
    rng = random.Random(SEED + 1)
    pool = excerpts(rng, recs, POOL2, before=tuple(first))
    print(f"round 2 pool: {len(pool)} excerpts")
    second = densest(rng, recs, pool, N2)
    print("round 2:")
    for ex, d in second:
        print(ex, f"{d:.2f}")
    if "--round3" not in sys.argv:
        return
    rng = random.Random(SEED + 2)
    pool = excerpts(rng, recs, POOL3, before=tuple(first + [ex for ex, _ in second]))
    print(f"round 3 pool: {len(pool)} excerpts")
    print("round 3:")
    for ex, d in densest(rng, recs, pool, N3):
        print(ex, f"{d:.2f}")


if __name__ == "__main__":
    main()
