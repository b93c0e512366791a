"""The draw of the dev_numbers5 sample (MONEY, COUNT, PERCENT only; tuned on by design), chosen before any
extractor was run on the documents.

Eligible (the round-5 partition, residue K = 3): AN questions au gouvernement `QANR5L16QG<N>` with N % 4 == K and
vie-publique 2020 statements at a 0-based line index i of statements.jsonl with i % 4 == K, of MIN_WORDS words or
more, minus every document of every tests/data/eval/*/sample.jsonl, every id their READMEs name, the ids already
used (`used_ids` of ../blind/draw.py) and the stems of corpus/ files. Most documents are drawn uniformly at random
(seed SEED: N_AN questions, N_VP statements), ordinary documents being where false positives live; then D_AN
questions and D_VP statements more, with the same generator, among the 3 D densest in figure words (`density` of
../dev_numbers2/draw.py, on a statement's window, see ../dev/draw.py), so the sample holds enough mentions.
Round 1 held 102 mentions, short of the 150 aimed at, so round 2 (seed SEED + 1, drawn after round 1 was annotated
and committed, before any scoring) adds D2_AN questions and D2_VP statements among the 3 D2 densest of those left; rounds 1-2 held 133 mentions, so
round 3 (seed SEED + 2, same conditions) adds D3_AN questions more, questions being the denser documents.
Run from the repository root: python tests/data/eval/dev_numbers5/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, random_then_densest, readme_doc_ids, sample_doc_ids, sibling, used_ids, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
numbers2 = sibling("dev_numbers2", "draw")

SEED, K, MOD, MIN_WORDS = 5301, 3, 4, 150
N_AN, N_VP, D_AN, D_VP = 8, 6, 3, 3
D2_AN, D2_VP = 3, 3
D3_AN = 4


def excluded_ids() -> set[str]:
    return sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | {p.stem for p in (REPO / "corpus").iterdir()}


def candidates(excluded: set[str]) -> tuple[dict, dict]:
    """Eligible questions and statements, each with the figure density of its annotated part."""
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD == K and vp_id(rec) not in excluded and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = numbers2.density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD == K:
            an[p.stem] = numbers2.density(dev_draw.an_text(p))
    return an, vp


def draw(seed: int = SEED, sizes: tuple[int, int, int, int] = (N_AN, N_VP, D_AN, D_VP),
         before: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids() | set(before))
    n_an, n_vp, d_an, d_vp = sizes
    chosen = random_then_densest(random.Random(seed), [("an", an, n_an, d_an), ("vp", vp, n_vp, d_vp)])
    return sorted(chosen["an"]), sorted(chosen["vp"])


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
    if "--round2" in sys.argv:
        an2, vp2 = draw(SEED + 1, (0, 0, D2_AN, D2_VP), tuple(an + vp))
        print(json.dumps({"an": an2, "vp": vp2}, indent=1))
        if "--round3" in sys.argv:
            an3, _ = draw(SEED + 2, (0, 0, D3_AN, 0), tuple(an + vp + an2 + vp2))
            print(json.dumps({"an": an3}, indent=1))
