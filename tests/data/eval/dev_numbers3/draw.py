"""The draw of the dev_numbers3 sample (MONEY, COUNT, PERCENT, DATE, DURATION; tuned on by design), chosen before
any extractor was run on the documents.

Eligible (the round-3 partition): vie-publique 2020 statements at a line index i of statements.jsonl with
i % 3 == 1, of 300 words or more, and AN questions au gouvernement `QANR5L16QG<N>` with N % 3 == 1, minus every
document of every tests/data/eval/*/sample.jsonl, every id their READMEs name and the stems of corpus/ files.
Each is scored by figure and period words per 100 words in its annotated part (`density` of ../dev_numbers2,
a statement's window of ../dev/draw.py); N_VP statements and N_AN questions are drawn (seed SEED) among the
3 N densest of each kind. The first round held 194 mentions, under the ~300 wanted, so a second round draws
N2_VP statements and N2_AN questions more, with the same generator, among the rest of those 3 N.
Run from the repository root: python tests/data/eval/dev_numbers3/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, readme_doc_ids, sample_doc_ids, sibling, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
numbers2 = sibling("dev_numbers2", "draw")

SEED, N_VP, N_AN = 3141, 10, 5
N2_VP, N2_AN = 4, 3


def excluded_ids() -> set[str]:
    return sample_doc_ids(HERE) | readme_doc_ids(HERE) | {p.stem for p in (REPO / "corpus").iterdir()}


def draw() -> tuple[list[str], list[str]]:
    excluded = excluded_ids()
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % 3 == 1 and vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = numbers2.density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % 3 == 1:
            an[p.stem] = numbers2.density(dev_draw.an_text(p))
    rng = random.Random(SEED)
    pools = {"vp": sorted(vp, key=lambda k: (-vp[k], k))[:3 * N_VP], "an": sorted(an, key=lambda k: (-an[k], k))[:3 * N_AN]}
    first = {"vp": rng.sample(pools["vp"], N_VP), "an": rng.sample(pools["an"], N_AN)}
    second = {kind: rng.sample([k for k in pools[kind] if k not in first[kind]], n)
              for kind, n in (("vp", N2_VP), ("an", N2_AN))}
    return sorted(first["vp"] + second["vp"]), sorted(first["an"] + second["an"])


if __name__ == "__main__":
    vp, an = draw()
    print(json.dumps({"vp": vp, "an": an}, indent=1))
