"""The draw of the dev_numbers10 sample (MONEY, COUNT, PERCENT, DATE, DURATION; tuned on by design), chosen before
any extractor was run on the documents.

Eligible: vie-publique 2020 statements at a 0-based line index i of statements.jsonl with i % 16 == 4 (a quarter
of the round-5 residue 0, the rest of which stays reserved for blind samples: i % 8 == 0 is reserved, i % 16 == 12
is left to the people sample of the same round), of MIN_WORDS words or more, minus every document of every
tests/data/eval/*/sample.jsonl, every id their READMEs name, the used ids (`used_ids` of ../blind/draw.py), every id
named in a file tracked by git (except models/labels/, as ../dev_numbers9/draw.py), the stems of corpus/ and the
blind sample 4's ids (BLIND4 of ../dev_numbers9/draw.py). Dense in numbers: with the seed SEED, D_VP statements
among the 3 D_VP densest in figure words (`density` of ../dev_numbers2/draw.py) on a statement's window (see
../dev/draw.py), no uniform part (`random_then_densest` with n_random 0).
Only two statements were eligible (most of the residue is named by tests/data/eval/search_queries.jsonl, the
search-relevance judgements, which list statements as query results and hold no figure), so round 1 is those two,
annotated whole (74 mentions). Round 2 (`--round2`, seed SEED + 1, drawn after round 1 was annotated and committed,
before any scoring) relaxes one exclusion, as ../dev_numbers9/ did for models/labels/: ids named only by
SEARCH_FILES (search_queries.jsonl, and models/labels/ as in round 9) are eligible; D2_VP statements among the
3 D2_VP densest of that pool, annotated whole as well (their windows hold few figures). Rounds 1-2 held 268 mentions but only 68
MONEY + COUNT, so round 3 (`--round2 --round3`, seed SEED + 2, same pool and conditions, drawn after round 2 was
committed) adds D3_VP statements more, whole.
Run from the repository root: python tests/data/eval/dev_numbers10/draw.py [--round2 [--round3]]
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import VP_FILE, random_then_densest, readme_doc_ids, sample_doc_ids, sibling, used_ids, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
numbers2 = sibling("dev_numbers2", "draw")
numbers9 = sibling("dev_numbers9", "draw")

SEED, MOD, RESIDUE, MIN_WORDS = 10201, 16, 4, 150
D_VP = 2
D2_VP = 4
D3_VP = 2
SEARCH_FILES = ("tests/data/eval/search_queries.jsonl",)


def tracked_ids(skip: tuple[str, ...] = ()) -> set[str]:
    """numbers9.tracked_ids, the files of ``skip`` left out as well."""
    import subprocess
    files = subprocess.run(["git", "ls-files"], cwd=numbers9.REPO, capture_output=True, text=True,
                           check=True).stdout.split("\n")
    out: set[str] = set()
    for name in files:
        path = numbers9.REPO / name
        if (not name or path.parent == HERE or name.startswith(numbers9.LABELS_DIR) or name in skip
                or not path.is_file()):
            continue
        try:
            out.update(numbers9.ID.findall(path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, OSError):
            continue
    return out


def excluded_ids(skip: tuple[str, ...] = ()) -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | tracked_ids(skip) | numbers9.BLIND4
            | {p.stem for p in (numbers9.REPO / "corpus").iterdir()})


def candidates(excluded: set[str]) -> dict:
    """Eligible statements, each with the figure density of its window."""
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD == RESIDUE and vp_id(rec) not in excluded and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = numbers2.density(text[:dev_draw.window_end(text) or len(text)])
    return vp


def draw(seed: int = SEED, size: int = D_VP, before: tuple[str, ...] = (), skip: tuple[str, ...] = ()) -> list[str]:
    vp = candidates(excluded_ids(skip) | set(before))
    return sorted(random_then_densest(random.Random(seed), [("vp", vp, 0, size)])["vp"])


if __name__ == "__main__":
    vp = draw()
    print(json.dumps({"vp": vp}, indent=1))
    if "--round2" in sys.argv:
        vp2 = draw(SEED + 1, D2_VP, tuple(vp), SEARCH_FILES)
        print(json.dumps({"vp": vp2}, indent=1))
        if "--round3" in sys.argv:
            print(json.dumps({"vp": draw(SEED + 2, D3_VP, tuple(vp + vp2), SEARCH_FILES)}, indent=1))
