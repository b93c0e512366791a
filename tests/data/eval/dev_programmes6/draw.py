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
Run from the repository root: python tests/data/eval/dev_programmes6/draw.py
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


def density(text: str) -> float:
    """Programme cues (scheme head nouns, "France <Name>") per 100 words."""
    return 100 * len(CUE.findall(text)) / max(len(text.split()), 1)


def excluded_ids() -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | {p.stem for p in (REPO / "corpus").iterdir()}
            | set(PARALLEL))


def candidates(excluded: set[str]) -> tuple[dict, dict]:
    """Eligible questions and statements, each with the programme-cue density of its annotated part."""
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD in KS and vp_id(rec) not in excluded and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD in KS:
            an[p.stem] = density(dev_draw.an_text(p))
    return an, vp


def draw(seed: int = SEED) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids())
    chosen = random_then_densest(random.Random(seed), [("an", an, N_AN, D_AN), ("vp", vp, N_VP, D_VP)])
    return sorted(chosen["an"]), sorted(chosen["vp"])


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
