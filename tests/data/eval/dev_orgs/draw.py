"""The draw of the dev_orgs sample: 5 odd-numbered AN questions au gouvernement and 6 sitting excerpts, seed 1414.

Eligible: every odd `QANR5L16QG<n>` of data/corpora/an-qag-l16/json/ whose id is named nowhere under tests/,
tdi_nlp/eval/, tdi_nlp/components/, tdi_nlp/resources/ or corpus/ at the commit that added this folder (so in
neither blind sample), sorted by number. Excerpts: twice over the 3 sittings of data/corpora/an-seance-2021-2022/
corpus.jsonl (file order), a random first speech, then the speeches that follow until 650 words are reached;
their ids are "seance-<session uid>-<first syceron id>-<last syceron id>". Run from the repository root: python tests/data/eval/dev_orgs/draw.py
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
SHARED = REPO.parent / "shared"
QAG = SHARED / "data" / "corpora" / "an-qag-l16" / "json"
SEANCE = SHARED / "data" / "corpora" / "an-seance-2021-2022" / "corpus.jsonl"


def eligible() -> list[str]:
    named = subprocess.run(["git", "grep", "-o", "-h", r"QANR5L16QG[0-9]*", "--", "tests", "tdi_nlp/eval",
                            "tdi_nlp/components", "tdi_nlp/resources", "corpus", ":!tests/data/eval/dev_orgs"],
                           cwd=REPO, capture_output=True, text=True).stdout.split()
    ids = [p.stem for p in QAG.glob("QANR5L16QG*.json")]
    odd = [i for i in ids if int(re.sub(r"\D", "", i[8:])) % 2 == 1 and i not in set(named)]
    return sorted(odd, key=lambda i: int(i.split("QG")[1]))


def excerpts(rng: random.Random) -> list[str]:
    by_session = defaultdict(list)
    for line in SEANCE.open(encoding="utf-8"):
        rec = json.loads(line)
        by_session[rec["session_uid"]].append(rec)
    out, taken = [], defaultdict(list)
    for session, recs in sorted(by_session.items()) * 2:
        while True:  # a window overlapping one drawn before in the same sitting is drawn again
            i = j = rng.randrange(len(recs) - 40)
            n = 0
            while n < 650:
                n += len(recs[j]["text"].split())
                j += 1
            if all(j <= a or b <= i for a, b in taken[session]):
                break
        taken[session].append((i, j))
        out.append(f"seance-{session}-{recs[i]['syceron_id']}-{recs[j - 1]['syceron_id']}")
    return out


if __name__ == "__main__":
    pool = eligible()
    rng = random.Random(1414)
    print(len(pool), "eligible;", sorted(rng.sample(pool, 5), key=lambda i: int(i.split("QG")[1])))
    print(excerpts(rng))
