"""The draw of the dev_orgs2 sample: 8 AN questions au gouvernement (number divisible by 3) and 4 sitting excerpts,
chosen before any extractor was run on them.

Eligible questions: every `QANR5L16QG<n>` of data/corpora/an-qag-l16/json/ with n % 3 == 0 (the share of this
round's ORG/PERSON engineer) whose id is in no tests/data/eval/*/sample.jsonl and named nowhere under tests/,
tdi_nlp/eval/, tdi_nlp/components/, tdi_nlp/resources/ or corpus/; each is scored by its cues of bodies and people
(`richness`) and 8 are drawn (seed 1616) among the 24 richest. Excerpts: windows of about 500 words overlapping no
excerpt named under tests/, the richest of 40 random windows per sitting, two from the first sitting, one from each
other. Only 10 questions were eligible; a second round (the first held 227 mentions, short of the ~300 asked)
takes the 2 left and 2 more excerpts (seed 1617), from the second and third sittings. Run from the repository root: python tests/data/eval/dev_orgs2/draw.py
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
SHARED = REPO.parent / "shared"
QAG = SHARED / "data" / "corpora" / "an-qag-l16" / "json"
HERE = ":!tests/data/eval/dev_orgs2"
sys.path.insert(0, str(REPO / "tests" / "data" / "eval" / "blind"))
from draw import sibling  # noqa: E402

places_draw = sibling("dev_places", "draw")
CUES = re.compile(r"\b(?:M\.|Mme|agence|conseil|chambres?|association|société|syndicat|direction|office|institut|"
                  r"caisse|fédération|tribunal|cour|centre|hôpital|université|comité|commission|autorité|"
                  r"[A-Z]{3,})\b")


def richness(text: str) -> int:
    return len(CUES.findall(text))


def named(pattern: str) -> set[str]:
    out = subprocess.run(["git", "grep", "-o", "-h", pattern, "--", "tests", "tdi_nlp/eval", "tdi_nlp/components",
                          "tdi_nlp/resources", "corpus", HERE], cwd=REPO, capture_output=True, text=True).stdout
    return set(out.split())


def in_samples() -> set[str]:
    ids = set()
    for f in (REPO / "tests" / "data" / "eval").glob("*/sample.jsonl"):
        if f.parent.name != "dev_orgs2":
            ids |= {json.loads(line)["doc"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    return ids


def questions(rng: random.Random, before: tuple[str, ...] = ()) -> list[str]:
    taken = named(r"QANR5L16QG[0-9]*") | in_samples() | set(before)
    ids = [p.stem for p in QAG.glob("QANR5L16QG*.json")]
    mine = [i for i in ids if int(i.split("QG")[1]) % 3 == 0 and i not in taken]
    scored = sorted(mine, key=lambda i: (-richness((QAG / f"{i}.json").read_text(encoding="utf-8")), i))
    return sorted(rng.sample(scored[:24], min(8, len(scored))), key=lambda i: int(i.split("QG")[1]))


def excerpts(rng: random.Random, sessions_drawn: tuple[int, ...] = (0, 0, 1, 2),
             before: tuple[str, ...] = ()) -> list[str]:
    taken = named(r"seance-CRSANR[0-9A-Z]*-[0-9]*-[0-9]*") | set(before)
    return places_draw.windows(rng, lambda sessions: [sessions[k] for k in sessions_drawn], 500, richness, taken)


if __name__ == "__main__":
    rng = random.Random(1616)
    first = questions(rng)
    print(first)
    seances = excerpts(rng)
    print(seances)
    # round 2: the first draw held 227 mentions, short of 300
    print(questions(random.Random(1617), tuple(first)))
    print(excerpts(random.Random(1617), (1, 2), tuple(seances)))
