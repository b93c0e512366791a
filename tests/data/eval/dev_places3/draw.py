"""The draw of the dev_places3 sample (TERRITORY and PROGRAMME, tuned on by design), chosen before any extractor
was run on the documents.

Eligible (the round-3 partition of the three dev samples): AN questions au gouvernement `QANR5L16QG<n>` with
n % 3 == 2 and vie-publique 2020 statements at a 0-based line index i with i % 3 == 2 of statements.jsonl, minus
every document of every tests/data/eval/*/sample.jsonl and the stems of corpus/ files (and QANR5L16QG509, whose answer dev_places2 already holds). Each is scored by
dev_places2's `french_richness` (French places, EPCI words, department numbers, programme words per 100 words, in
the annotated part: a statement's window, see ../dev/draw.py); N_AN questions and N_VP statements are drawn at
random (seed 3142) among the 4 N richest of each kind. That round held few French places and three programme names, so a second
round adds the N2_AN questions richest in French places (countries left out of the score) and the N2_VP statements
naming most programmes (`NAMED`, in the window), no sampling. A third round, drawn after the rules of round 1
and 2 were written (annotated before the system was run on them), adds the N3_AN questions and N3_VP statements
richest in French places, no sampling.
Run from the repository root: python tests/data/eval/dev_places3/draw.py
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, sample_doc_ids, sibling, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
places2 = sibling("dev_places2", "draw")

SEED, N_AN, N_VP = 3142, 6, 10
N2_AN, N2_VP = 4, 4
N3_AN, N3_VP = 3, 2
NAMED = re.compile(r"France 2030|France Relance|plan de relance|S[ée]gur|1 jeune,? 1 solution|Ma ?Prime ?R[ée]nov"
                   r"|c(?:œ|oe)ur de ville|Petites villes de demain|Territoires? d'industrie|investissements? d'avenir"
                   r"|\bPIA\b|NextGeneration|Erasmus|Pass Culture|Plan Marshall", re.IGNORECASE)
REPEATS = {"QANR5L16QG509"}  # its answer is QANR5L16QG503's (in dev_places2), word for word


def excluded_ids() -> set[str]:
    return {p.stem for p in (REPO / "corpus").iterdir()} | REPEATS | sample_doc_ids(HERE)


def named(text: str, _places) -> int:
    return len(NAMED.findall(text))


def candidates(excluded: set[str], score=places2.french_richness,
               files: tuple = ("regions.tsv", "departments.tsv", "tdi.tsv", "countries.tsv")) -> tuple[dict, dict]:
    places = places2.place_names(files)
    an = {p.stem: score(dev_draw.an_text(p), places) for p in AN_DIR.glob("QANR5L16QG*.json")
          if int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG"))) % 3 == 2 and p.stem not in excluded}
    vp: dict = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % 3 == 2 and vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = score(text[:dev_draw.window_end(text) or len(text)], places)
    return an, vp


def draw() -> tuple[list[str], list[str]]:
    excluded = excluded_ids()
    an, vp = candidates(excluded)
    rng = random.Random(SEED)
    pick = lambda d, n: sorted(rng.sample(sorted(d, key=lambda k: (-d[k], k))[:4 * n], n))  # noqa: E731
    first_an, first_vp = pick(an, N_AN), pick(vp, N_VP)
    excluded |= set(first_an) | set(first_vp)
    top = lambda d, n: sorted(d, key=lambda k: (-d[k], k))[:n]  # noqa: E731
    french = ("regions.tsv", "departments.tsv", "tdi.tsv")
    an, _ = candidates(excluded, files=french)
    _, vp = candidates(excluded, score=named)
    second_an, second_vp = top(an, N2_AN), top(vp, N2_VP)
    excluded |= set(second_an) | set(second_vp)
    an, vp = candidates(excluded, files=french)
    return sorted(first_an + second_an + top(an, N3_AN)), sorted(first_vp + second_vp + top(vp, N3_VP))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
