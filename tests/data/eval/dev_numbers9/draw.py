"""The draw of the dev_numbers9 sample (MONEY, COUNT, PERCENT, DATE, DURATION; tuned on by design), chosen before
any extractor was run on the documents.

Eligible (the round-5 partition, never residue 0, the blind sample 3): AN questions au gouvernement
`QANR5L16QG<N>` with N % 4 in AN_RESIDUES (2 and 3) whose answer is published (textesReponse holds a text), and
vie-publique 2020 statements at a 0-based line index i of statements.jsonl with i % 4 in VP_RESIDUES (3), of
MIN_WORDS words or more; residue 1 is left to the dev_orgs9 sample drawn at the same time on another branch (seed
9101), so the two draws cannot meet. Minus every document of every tests/data/eval/*/sample.jsonl, every id their
READMEs name, the ids already used (`used_ids` of ../blind/draw.py), every id named in a file tracked by git
except the request-type labels of models/labels/ (they name nearly every AN question, 528 of 533, for a document
classification task, not for entities or figures; counting them would leave no question eligible), the stems of corpus/ and the blind sample 4's ids (BLIND4, printed by ../blind4/draw.py; all of its questions are of
residue 0 anyway). Dense in numbers: with the seed SEED, D_AN questions among the 3 D_AN densest in figure words
(`density` of ../dev_numbers2/draw.py) and D_VP statements among the 3 D_VP densest (on a statement's window, see
../dev/draw.py), no uniform part (`random_then_densest` with n_random 0).
Round 1 held 95 mentions, short of the 200 aimed at, so round 2 (`--round2`, seed SEED + 1, drawn after round 1
was annotated and committed, before any scoring) adds D2_AN questions among the 3 D2_AN densest of those left
(15 questions were left, so all of them were in the pool); rounds 1-2 held 176 mentions, so round 3
(`--round2 --round3`, seed SEED + 2, same conditions) adds D3_AN questions more among the 7 left.
Run from the repository root: python tests/data/eval/dev_numbers9/draw.py [--round2]
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
from draw import AN_DIR, REPO, VP_FILE, random_then_densest, readme_doc_ids, sample_doc_ids, sibling, used_ids, vp_id  # noqa: E402

dev_draw = sibling("dev", "draw")
numbers2 = sibling("dev_numbers2", "draw")

SEED, MOD, MIN_WORDS = 9201, 4, 150
AN_RESIDUES, VP_RESIDUES = (2, 3), (3,)
D_AN, D_VP = 6, 4
D2_AN = 8
D3_AN = 4
BLIND4 = {"QANR5L16QG4", "QANR5L16QG64", "QANR5L16QG92", "QANR5L16QG212", "QANR5L16QG220", "QANR5L16QG224",
          "QANR5L16QG280", "QANR5L16QG296", "QANR5L16QG376", "QANR5L16QG400", "QANR5L16QG460", "QANR5L16QG500",
          "QANR5L16QG580", "vp-1fccffb11597", "vp-8ceba7032a81", "vp-b042f1683c48", "vp-d31557f33d30"}
LABELS_DIR = "models/labels/"  # the request-type labels of every AN question (see the docstring)
ID = re.compile(r"QANR5L16QG\d+|vp-[0-9a-f]{12}")


def tracked_ids() -> set[str]:
    """Every document id named in a text file tracked by git (this folder's files aside)."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split("\n")
    out: set[str] = set()
    for name in files:
        path = REPO / name
        if not name or path.parent == HERE or name.startswith(LABELS_DIR) or not path.is_file():
            continue
        try:
            out.update(ID.findall(path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, OSError):
            continue
    return out


def excluded_ids() -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | tracked_ids() | BLIND4
            | {p.stem for p in (REPO / "corpus").iterdir()})


def answered(path: Path) -> bool:
    q = json.loads(path.read_text(encoding="utf-8")).get("question", {})
    rep = ((q.get("textesReponse") or {}).get("texteReponse") or {})
    return bool(isinstance(rep, dict) and (rep.get("texte") or "").strip())


def candidates(excluded: set[str]) -> tuple[dict, dict]:
    """Eligible questions and statements, each with the figure density of its annotated part."""
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % MOD in VP_RESIDUES and vp_id(rec) not in excluded and len(text.split()) >= MIN_WORDS:
            vp[vp_id(rec)] = numbers2.density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("QANR5L16QG*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % MOD in AN_RESIDUES and answered(p):
            an[p.stem] = numbers2.density(dev_draw.an_text(p))
    return an, vp


def draw(seed: int = SEED, sizes: tuple[int, int] = (D_AN, D_VP),
         before: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    an, vp = candidates(excluded_ids() | set(before))
    chosen = random_then_densest(random.Random(seed), [("an", an, 0, sizes[0]), ("vp", vp, 0, sizes[1])])
    return sorted(chosen["an"]), sorted(chosen["vp"])


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
    if "--round2" in sys.argv:
        an2, _ = draw(SEED + 1, (D2_AN, 0), tuple(an + vp))
        print(json.dumps({"an": an2}, indent=1))
        if "--round3" in sys.argv:
            an3, _ = draw(SEED + 2, (D3_AN, 0), tuple(an + vp + an2))
            print(json.dumps({"an": an3}, indent=1))
