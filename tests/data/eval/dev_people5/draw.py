"""The draw of the dev_people5 sample (PERSON only, tuned on by design), chosen before any extractor was run on the
documents.

Eligible (round 5's partition, residue K = 2): AN questions au gouvernement `QANR5L16QG<n>` with n % 4 == K and
vie-publique 2020 statements at a 0-based line index i with i % 4 == K of statements.jsonl (MIN_WORDS words or
more), minus every document of every other tests/data/eval/*/sample.jsonl, the ids named in the sample READMEs,
the used ids of ../blind/draw.py (judged data, tests/*.py) and dev_people3's `excluded` (ids under tdi_nlp/, corpus/
stems). Round 1 (seed 5201): N_AN questions and N_VP statements drawn uniformly at random (ordinary documents hold
the false positives), plus the N_DENSE_AN questions and N_DENSE_VP statements richest in people cues (`density`:
civilities, titles and capitalized speaker lines per 100 words, statements on their window) among those left.
Round 2 (seed 5202, drawn after the rules of round 1 were committed): N2_AN questions and N2_VP statements more,
uniformly at random among those left.
Run from the repository root: python tests/data/eval/dev_people5/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, VP_FILE, readme_doc_ids, sample_doc_ids, sibling, used_ids, vp_id  # noqa: E402

people3 = sibling("dev_people3", "draw")
dev = sibling("dev", "draw")

SEED, K, MOD, MIN_WORDS = 5201, 2, 4, 150
N_AN, N_VP, N_DENSE_AN, N_DENSE_VP = 10, 6, 2, 4
N2_AN, N2_VP = 5, 3
CUES = re.compile(r"\b(?:M\.|Mme|Monsieur|Madame|ministre|président(?:e)?|préfète?|directeur|directrice|"
                  r"secrétaire|défenseure?)\b|^[A-ZÉÈ][A-ZÉÈ' -]{3,}(?: ?:| -|\n)", re.MULTILINE)


def density(text: str) -> float:
    return 100 * len(CUES.findall(text)) / max(len(text.split()), 1)


def number(doc: str) -> int:
    return int(re.sub(r"\D", "", doc.removeprefix("QANR5L16QG")))


def eligible(taken: set[str]) -> tuple[dict[str, Path], dict[str, str]]:
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD == K and vp_id(rec) not in taken and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = text[:dev.window_end(text) or len(text)]
    an = {p.stem: p for p in AN_DIR.glob("QANR5L16QG*.json") if number(p.stem) % MOD == K and p.stem not in taken}
    return an, vp


def draw(seed: int, n_an: int, n_vp: int, n_dense_an: int = 0, n_dense_vp: int = 0,
         before: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    taken = (people3.excluded() | sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids()) | set(before)
    an, vp = eligible(taken)
    rng = random.Random(seed)
    an_ids, vp_ids = rng.sample(sorted(an, key=number), n_an), rng.sample(sorted(vp), n_vp)
    top = lambda scores, n: sorted(scores, key=lambda k: (-scores[k], k))[:n]  # noqa: E731
    an_ids += top({d: density(dev.an_text(p)) for d, p in an.items() if d not in an_ids}, n_dense_an)
    vp_ids += top({d: density(t) for d, t in vp.items() if d not in vp_ids}, n_dense_vp)
    return sorted(an_ids, key=number), sorted(vp_ids)


if __name__ == "__main__":
    an, vp = draw(SEED, N_AN, N_VP, N_DENSE_AN, N_DENSE_VP)
    print(json.dumps({"an": an, "vp": vp}, indent=1))
    if "--round2" in sys.argv:
        an2, vp2 = draw(SEED + 1, N2_AN, N2_VP, before=tuple(an + vp))
        print(json.dumps({"an": an2, "vp": vp2}, indent=1))
