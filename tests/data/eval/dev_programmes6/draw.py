"""The draw of the dev_programmes6 sample (PROGRAMME only, tuned on by design), chosen before any extractor was run
on the documents.

Eligible (the round-5 partition, residues K in KS = 1, 2, 3; never residue 0, blind sample 3's): AN questions au
gouvernement `QANR5L16QG<N>` with N % 4 in KS and vie-publique 2020 statements at a 0-based line index i of
statements.jsonl with i % 4 in KS, of MIN_WORDS words or more, minus every document of every
tests/data/eval/*/sample.jsonl, every id their READMEs name, the ids already used (`used_ids` of ../blind/draw.py),
the stems of corpus/ files and PARALLEL (documents of samples drawn at the same time on other branches: dev_numbers5
as annotated on r-numbers6, round 2 of dev_orgs5 as its draw.py --round2 prints). N_AN questions and N_VP statements
are drawn uniformly at random (seed SEED), then D_AN questions and D_VP statements more among the 3 D densest in
programme cues (`density`; a statement on its ~600-word window, see ../dev/draw.py).
Round 1 held only 3 mentions (its cue nouns are mostly generic: "des dispositifs", "un plan"), so round 2 (seed
SEED + 1, `--round2`, drawn after round 1 was annotated and committed, before any scoring) adds R2_AN questions and
R2_VP statements among the 3 x as many richest, among those left, in NAMED cues (`named`: a cue noun followed by a
capitalised or quoted name, "France <Name>", "Ma<Name>", "plan de relance"; a count, not a density).
Round 2 brought 13 mentions; round 3 (seed SEED + 2, `--round3`, drawn once round 2 was annotated and committed,
before any scoring) adds R3_AN questions the same way (the questions of 2022-2023 name more French schemes than
the 2020 statements, mostly diplomatic).
Run from the repository root: python tests/data/eval/dev_programmes6/draw.py [--round2] [--round3]
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

SEED, KS, MOD, MIN_WORDS = 5601, (1, 2, 3), 4, 150
N_AN, N_VP, D_AN, D_VP = 4, 6, 4, 6
R2_AN, R2_VP = 4, 6
R3_AN = 6
PARALLEL = (
    "QANR5L16QG131", "QANR5L16QG155", "QANR5L16QG207", "QANR5L16QG211", "QANR5L16QG287", "QANR5L16QG359",
    "QANR5L16QG367", "QANR5L16QG391", "QANR5L16QG395", "QANR5L16QG447", "QANR5L16QG475", "QANR5L16QG519",
    "QANR5L16QG555", "QANR5L16QG559", "QANR5L16QG571", "QANR5L16QG575", "QANR5L16QG599", "QANR5L16QG67",
    "vp-04c826f57f8f", "vp-0511443d4efe", "vp-0c3a004cdc7e", "vp-177d18a9d5e3", "vp-21029c0a2e55", "vp-42741a160466",
    "vp-6006863a3cde", "vp-690c1f1b8eac", "vp-7cdb00f8d18b", "vp-851d98838a50", "vp-9ceb2c5e3f82", "vp-fdd9b09347d9",
    "QANR5L16QG173", "QANR5L16QG193", "QANR5L16QG197", "QANR5L16QG365", "QANR5L16QG37",
    "vp-1433d7a23838", "vp-524ae4d13e47", "vp-d117bfa36074",
)
CUE = re.compile(r"\b(?:dispositifs?|plans?|programmes?|fonds|primes?|pass|contrats?|labels?|chèques?)\b"
                 r"|\bFrance [A-ZÉ0-9]\w*", re.IGNORECASE)


NAMED = re.compile(r"\b(?:plans?|programmes?|dispositifs?|fonds|pass|passe|labels?|contrats?|primes?|chèques?|"
                   r"pactes?|appels? à projets)\s+[«\"]?\s?[A-ZÉ]|\bFrance [A-Z0-9]\w*|\bMa ?[A-Z]\w+|\bplan de relance\b")


def named(text: str) -> int:
    """Named programme cues: a cue noun before a capitalised or quoted name, "France <Name>", "Ma<Name>"."""
    return len(NAMED.findall(text))


def density(text: str) -> float:
    """Programme cues (scheme head nouns, "France <Name>") per 100 words."""
    return 100 * len(CUE.findall(text)) / max(len(text.split()), 1)


def excluded_ids() -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | {p.stem for p in (REPO / "corpus").iterdir()}
            | set(PARALLEL))


def candidates(excluded: set[str], score=density) -> tuple[dict, dict]:
    """Eligible questions and statements, each with the `score` of its annotated part."""
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD in KS and vp_id(rec) not in excluded and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = score(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD in KS:
            an[p.stem] = score(dev_draw.an_text(p))
    return an, vp


def draw(seed: int = SEED) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids())
    chosen = random_then_densest(random.Random(seed), [("an", an, N_AN, D_AN), ("vp", vp, N_VP, D_VP)])
    return sorted(chosen["an"]), sorted(chosen["vp"])


def draw_round2(before: tuple[str, ...], seed: int = SEED + 1, n_an: int = R2_AN,
                n_vp: int = R2_VP) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids() | set(before), named)
    chosen = random_then_densest(random.Random(seed), [("an", an, 0, n_an), ("vp", vp, 0, n_vp)])
    return sorted(chosen["an"]), sorted(chosen["vp"])


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
    if "--round2" in sys.argv:
        an2, vp2 = draw_round2(tuple(an + vp))
        print(json.dumps({"an": an2, "vp": vp2}, indent=1))
        if "--round3" in sys.argv:
            an3, _ = draw_round2(tuple(an + vp + an2 + vp2), SEED + 2, R3_AN, 0)
            print(json.dumps({"an": an3}, indent=1))
