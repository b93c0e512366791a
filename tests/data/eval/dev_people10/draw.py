"""The draw of the dev_people10 sample (PERSON, ORG, PROGRAMME and TERRITORY, tuned on by design), chosen before
any extractor was run on the documents (issue 14, round 10).

Two sources, about half of the mentions each:
(a) excerpts of the AN sittings corpus (data/corpora/an-seance-2021-2022/corpus.jsonl): windows of about WORDS words
    (whole speeches, from a start speech on until WORDS words are reached), the start drawn uniformly at random
    over the speeches of the three sittings pooled (seed SEED), kept when the window stays inside one sitting and
    shares no speech with an excerpt of any tests/data/eval/*/sample.jsonl nor with one drawn before; N_SEANCE
    excerpts, then (second round, the first holding 249 mentions) N_SEANCE_2 more with seed SEED + 1. Id "seance-<session uid>-<first syceron id>-<last syceron id>" (`tdi_nlp.eval.blind.seance_excerpt`).
(b) vie-publique 2020 statements at a 0-based line index i of statements.jsonl with i % 16 == 12 (a quarter of the
    round-5 residue 0; the lead's split: i % 16 == 4 goes to the numbers round, i % 8 == 0 stays reserved for the
    blind samples), minus every document of every sample.jsonl, every id their READMEs name, the used ids
    (`used_ids` of ../blind/draw.py), every id named in a tracked file (as ../dev_orgs9/draw.py) and BLIND4
    (../dev_numbers9/draw.py); N_VP drawn uniformly (same seed, after the excerpts). Only 7 statements are eligible
    (lengths 22 to 9280 words; the 300-1500 word bound of earlier draws would leave none), so no length bound and
    all 7 are taken. A statement longer than LONG words is annotated on one window only: paragraphs from a start
    paragraph drawn uniformly (same seed, after the statements) until WORDS words (`windows`, offsets into the
    reader's raw text); the others whole.
Sitting excerpts are annotated whole. Run from the repository root: python tests/data/eval/dev_people10/draw.py
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import REPO, SHARED, VP_FILE, readme_doc_ids, sample_doc_ids, used_ids, vp_id  # noqa: E402

SEED, MOD, RESIDUE = 10101, 16, 12
N_SEANCE, N_VP = 6, 7
N_SEANCE_2 = 1
WORDS, LONG = 650, 2500
SEANCE = SHARED / "data" / "corpora" / "an-seance-2021-2022" / "corpus.jsonl"
ID = re.compile(r"QANR5L16QG\d+|vp-[0-9a-f]{12}")
BLIND4 = {"QANR5L16QG4", "QANR5L16QG64", "QANR5L16QG92", "QANR5L16QG212", "QANR5L16QG220", "QANR5L16QG224",
          "QANR5L16QG280", "QANR5L16QG296", "QANR5L16QG376", "QANR5L16QG400", "QANR5L16QG460", "QANR5L16QG500",
          "QANR5L16QG580", "vp-1fccffb11597", "vp-8ceba7032a81", "vp-b042f1683c48", "vp-d31557f33d30"}
NOT_SCANNED = ("tests/data/eval/blind", "models/labels/", "tests/data/eval/search_queries.jsonl",
               "tests/data/eval/already_asked.jsonl", "tests/data/eval/draft_requests.jsonl",
               "tests/data/eval/dev_people10/")


def tracked_ids() -> set[str]:
    """Ids named in the files tracked by git, outside this folder and NOT_SCANNED."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    out: set[str] = set()
    for name in files:
        if name.startswith(NOT_SCANNED):
            continue
        try:
            out.update(ID.findall((REPO / name).read_text(encoding="utf-8")))
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
    return out


def excluded_ids() -> set[str]:
    return (sample_doc_ids(HERE) | readme_doc_ids(HERE) | used_ids() | tracked_ids() | BLIND4
            | {p.stem for p in (REPO / "corpus").iterdir()})


def speeches() -> list[dict]:
    return [json.loads(line) for line in SEANCE.open(encoding="utf-8")]


def taken_speeches(recs: list[dict]) -> set[int]:
    """Indexes (into the corpus) of the speeches of every excerpt already in a sample.jsonl."""
    where = {(r["session_uid"], r["syceron_id"]): k for k, r in enumerate(recs)}
    out: set[int] = set()
    for ex in sample_doc_ids(HERE):
        if ex.startswith("seance-"):
            _, s, a, b = ex.split("-")
            out.update(range(where[(s, a)], where[(s, b)] + 1))
    return out


def excerpts(rng: random.Random, recs: list[dict], n: int = N_SEANCE, before: tuple[str, ...] = ()) -> list[str]:
    taken, out = taken_speeches(recs), []
    where = {(r["session_uid"], r["syceron_id"]): k for k, r in enumerate(recs)}
    for ex in before:
        _, s, a, b = ex.split("-")
        taken.update(range(where[(s, a)], where[(s, b)] + 1))
    while len(out) < n:
        i = j = rng.randrange(len(recs))
        words = 0
        while words < WORDS and j < len(recs) and recs[j]["session_uid"] == recs[i]["session_uid"]:
            words += len(recs[j]["text"].split())
            j += 1
        if words < WORDS or taken & set(range(i, j)):
            continue
        taken.update(range(i, j))
        out.append(f"seance-{recs[i]['session_uid']}-{recs[i]['syceron_id']}-{recs[j - 1]['syceron_id']}")
    return out


def statements(excluded: set[str]) -> list[str]:
    vp = []
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        if i % MOD == RESIDUE and vp_id(rec) not in excluded and rec.get("text_plain"):
            vp.append(vp_id(rec))
    return sorted(set(vp))


def windows(rng: random.Random, vp: list[str]) -> dict[str, list[int]]:
    """[start, end] (raw-text offsets) of the annotated window of each statement longer than LONG words."""
    from tdi_nlp.eval.blind import VP_SOURCE, read_documents
    docs = read_documents([{"doc": v, "source": VP_SOURCE} for v in vp])
    out = {}
    for v in vp:
        text = docs[v].text
        if len(text.split()) <= LONG:
            continue
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
        k = rng.randrange(len(starts))
        end, n = starts[k], 0
        while n < WORDS and end < len(text):
            nxt = text.find("\n", end)
            nxt = len(text) if nxt < 0 else nxt
            n += len(text[end:nxt].split())
            end = nxt + 1 if nxt < len(text) else nxt
        out[v] = [starts[k], min(end, len(text))]
    return out


def draw(seed: int = SEED) -> tuple[list[str], list[str], dict[str, list[int]]]:
    rng = random.Random(seed)
    seances = excerpts(rng, speeches())
    vp = statements(excluded_ids())
    vp = sorted(rng.sample(vp, min(N_VP, len(vp))))
    win = windows(rng, vp)
    # second round: the first held 249 mentions, short of the 250 asked; one more excerpt, seed SEED + 1 (drawn after,
    # so that the first round's draws, the statements' window included, stay as they were)
    seances += excerpts(random.Random(seed + 1), speeches(), N_SEANCE_2, tuple(seances))
    return seances, vp, win


if __name__ == "__main__":
    if "--eligible" in sys.argv:
        print(len(statements(excluded_ids())), "statements eligible")
    seances, vp, win = draw()
    print(json.dumps({"seance": seances, "vp": vp, "windows": win}, indent=1))
