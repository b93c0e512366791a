"""The draw of the dev_people3 sample (PERSON and ORG, tuned on by design), chosen before any extractor was run on
the documents.

Eligible: vie-publique 2020 statements at a line index i of statements.jsonl with i % 3 == 0 and AN questions au
gouvernement `QANR5L16QG<n>` with n % 3 == 0 (this round's share; numbers3 and places3 take the others), minus
every document of every tests/data/eval/*/sample.jsonl, the judged extraction samples (people_sample.jsonl,
territories_sample.jsonl), ids named in tests/*.py or under tdi_nlp/ and the stems of corpus/ files. Statements of
at least MIN_WORDS words are grouped by kind from their title (`KINDS`: interviews, declarations, press releases)
and N_VP[kind] are drawn in each (seed 3303); N_AN questions are drawn among the eligible ones (same generator).
The first round held about 200 mentions, short of the ~350 asked, so a second round (seed 3304) draws N2_VP[kind]
more statements among those left, the interviews first (speaker lines and journalists make them the richest in
people); it held about 270, so a third round (seed 3305) draws N3_VP interviews and N3_AN questions more.
Run from the repository root: python tests/data/eval/dev_people3/draw.py
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, sample_doc_ids, vp_id  # noqa: E402

SEED, N_AN, MIN_WORDS = 3303, 4, 150
KINDS = {"interview": r"^(?:Interview|Entretien)", "declaration": r"^(?:Déclarations?|Message|Allocution|Conférence)",
         "press release": r"^(?:Communiqué|Conseil des ministres)"}
N_VP = {"interview": 5, "declaration": 4, "press release": 3}
N2_VP = {"interview": 4, "declaration": 1, "press release": 1}
N3_VP, N3_AN = {"interview": 2, "declaration": 0, "press release": 0}, 2
NAMED_IN = ["tests/*.py", "tests/data/eval/people_sample.jsonl", "tests/data/eval/territories_sample.jsonl",
            "tdi_nlp", "corpus"]


def excluded() -> set[str]:
    out = {p.stem for p in (REPO / "corpus").iterdir()} | sample_doc_ids(HERE)
    named = subprocess.run(["git", "grep", "-o", "-h", "-E", r"QANR5L16QG[0-9]+|vp-[0-9a-f]{12}", "--", *NAMED_IN],
                           cwd=REPO, capture_output=True, text=True).stdout
    return out | set(named.split())


def kind_of(title: str) -> str | None:
    return next((k for k, rx in KINDS.items() if re.match(rx, title)), None)


def draw(seed: int = SEED, n_vp: dict[str, int] = N_VP, n_an: int = N_AN,
         before: tuple[str, ...] = ()) -> tuple[list[str], dict[str, list[str]]]:
    taken = excluded() | set(before)
    by_kind: dict[str, list[str]] = {k: [] for k in KINDS}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        if i % 3:
            continue
        rec = json.loads(line)
        kind = kind_of(rec.get("title", ""))
        if kind and vp_id(rec) not in taken and len((rec.get("text_plain") or "").split()) >= MIN_WORDS:
            by_kind[kind].append(vp_id(rec))
    an = sorted((p.stem for p in AN_DIR.glob("QANR5L16QG*.json")
                 if int(p.stem.removeprefix("QANR5L16QG")) % 3 == 0 and p.stem not in taken),
                key=lambda i: int(i.removeprefix("QANR5L16QG")))
    rng = random.Random(seed)
    vp = {k: sorted(rng.sample(sorted(set(ids)), n_vp[k])) for k, ids in by_kind.items()}
    return sorted(rng.sample(an, n_an), key=lambda i: int(i.removeprefix("QANR5L16QG"))), vp


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1, ensure_ascii=False))
    first = tuple(an) + tuple(i for ids in vp.values() for i in ids)
    _, vp2 = draw(SEED + 1, N2_VP, 0, first)   # round 2
    print(json.dumps({"vp": vp2}, indent=1, ensure_ascii=False))
    second = first + tuple(i for ids in vp2.values() for i in ids)
    an3, vp3 = draw(SEED + 2, N3_VP, N3_AN, second)   # round 3
    print(json.dumps({"an": an3, "vp": vp3}, indent=1, ensure_ascii=False))
