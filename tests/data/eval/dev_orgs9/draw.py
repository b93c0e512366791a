"""The draw of the dev_orgs9 sample (ORG, PROGRAMME and PERSON, tuned on by design), chosen before any extractor was
run on the documents.

Eligible (the round-5 partition, residues 1 to 3, never residue 0, which the blind samples 3 and 4 draw from): AN
questions au gouvernement `QANR5L16QG<N>` with N % 4 in (1, 2, 3) and vie-publique 2020 statements at a 0-based line
index i of statements.jsonl with i % 4 in (1, 2, 3), of MIN_WORDS to MAX_WORDS words, minus every document of every
tests/data/eval/*/sample.jsonl, every id their READMEs name, the ids already used (`used_ids` of ../blind/draw.py),
the stems of corpus/ files, every `QANR5L16QG<N>` / `vp-<12 hex>` id named in a file tracked by git (except the
blind folders, whose ids the sample files give, and the theme labels and search / already-asked / draft-request
judgements, which name every AN question and used no extraction output, as ../blind3/README.md) and the ids of the
fourth blind sample (BLIND4, as `tests/data/eval/blind4/draw.py` prints them). N_AN questions and N_VP statements
are drawn uniformly at random (seed SEED), with no density step. Every document is annotated whole.
Run from the repository root: python tests/data/eval/dev_orgs9/draw.py
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
from draw import AN_DIR, REPO, VP_FILE, readme_doc_ids, sample_doc_ids, used_ids, vp_id  # noqa: E402

SEED, MOD, RESIDUES = 9101, 4, (1, 2, 3)
N_AN, N_VP = 17, 3
MIN_WORDS, MAX_WORDS = 300, 1500
ID = re.compile(r"QANR5L16QG\d+|vp-[0-9a-f]{12}")
BLIND4 = {"QANR5L16QG4", "QANR5L16QG64", "QANR5L16QG92", "QANR5L16QG212", "QANR5L16QG220", "QANR5L16QG224",
          "QANR5L16QG280", "QANR5L16QG296", "QANR5L16QG376", "QANR5L16QG400", "QANR5L16QG460", "QANR5L16QG500",
          "QANR5L16QG580", "vp-1fccffb11597", "vp-8ceba7032a81", "vp-b042f1683c48", "vp-d31557f33d30"}
NOT_SCANNED = ("tests/data/eval/blind", "models/labels/", "tests/data/eval/search_queries.jsonl",
               "tests/data/eval/already_asked.jsonl", "tests/data/eval/draft_requests.jsonl")


def tracked_ids() -> set[str]:
    """Ids named in the files tracked by git, outside this folder and NOT_SCANNED."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    out: set[str] = set()
    for name in files:
        if name.startswith(NOT_SCANNED) or name.startswith("tests/data/eval/dev_orgs9/"):
            continue
        try:
            out.update(ID.findall((REPO / name).read_text(encoding="utf-8")))
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
    return out


def excluded_ids() -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | tracked_ids() | BLIND4
            | {p.stem for p in (REPO / "corpus").iterdir()})


def candidates(excluded: set[str]) -> tuple[list[str], list[str]]:
    """Eligible questions and statements, sorted so that the draw does not depend on the file system's order."""
    an = []
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD in RESIDUES:
            an.append(p.stem)
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        words = len((rec.get("text_plain") or "").split())
        if i % MOD in RESIDUES and vp_id(rec) not in excluded and MIN_WORDS <= words <= MAX_WORDS:
            vp.append(vp_id(rec))
    return sorted(an), sorted(set(vp))


def draw(seed: int = SEED) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids())
    rng = random.Random(seed)
    return sorted(rng.sample(an, min(N_AN, len(an)))), sorted(rng.sample(vp, min(N_VP, len(vp))))


if __name__ == "__main__":
    if "--eligible" in sys.argv:
        an, vp = candidates(excluded_ids())
        print(len(an), "questions and", len(vp), "statements eligible")
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
