"""The draw of the dev_numbers4 sample (MONEY, COUNT, PERCENT, DATE, DURATION; tuned on by design), chosen before
any extractor was run on the documents.

Eligible (the round-4 partition): vie-publique 2020 statements at a line index i of statements.jsonl with
i % 3 == 2, of 300 words or more, and AN questions au gouvernement `QANR5L16QG<N>` with N % 3 == 2, minus every
document of every tests/data/eval/*/sample.jsonl, every id their READMEs name and the stems of corpus/ files.
Precision matters this round, so most documents are drawn uniformly at random (seed SEED): N_VP statements and
N_AN questions, whatever their figures; then D_VP statements and D_AN questions more, with the same generator,
among the 3 D densest in figure and period words of the rest (`density` of ../dev_numbers2/draw.py, on a
statement's window, see ../dev/draw.py), so the sample holds enough mentions.
Run from the repository root: python tests/data/eval/dev_numbers4/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, random_then_densest, readme_doc_ids, sample_doc_ids, sibling, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
numbers2 = sibling("dev_numbers2", "draw")

SEED, K = 4142, 2
N_VP, N_AN = 8, 8
D_VP, D_AN = 4, 4


def excluded_ids() -> set[str]:
    return sample_doc_ids(HERE) | readme_doc_ids(HERE) | {p.stem for p in (REPO / "corpus").iterdir()}


def candidates() -> tuple[dict, dict]:
    """Eligible statements and questions, each with the density of its annotated part."""
    excluded = excluded_ids()
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % 3 == K and vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = numbers2.density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % 3 == K:
            an[p.stem] = numbers2.density(dev_draw.an_text(p))
    return vp, an


def draw() -> tuple[list[str], list[str]]:
    vp, an = candidates()
    chosen = random_then_densest(random.Random(SEED), [("vp", vp, N_VP, D_VP), ("an", an, N_AN, D_AN)])
    return sorted(chosen["vp"]), sorted(chosen["an"])


if __name__ == "__main__":
    vp, an = draw()
    print(json.dumps({"vp": vp, "an": an}, indent=1))
