"""The draw of the dev_places sample: 6 place-rich AN questions au gouvernement (number ending in 1, 3, 5, 7, 9)
and 4 sitting excerpts, chosen before any extractor was run on them.

Eligible questions: every odd `QANR5L16QG<n>` of data/corpora/an-qag-l16/json/ whose id is named nowhere under
tests/, tdi_nlp/eval/, tdi_nlp/components/, tdi_nlp/resources/ or corpus/ (so in no other sample); each is scored by
how many department and region names (tdi_nlp/resources/geo/) and capitalized words after "à"/"de" its raw text
holds, and 6 are drawn (seed 1515) among the 20 richest. Excerpts: windows of about 450 words overlapping no
excerpt named under tests/, the place-richest of 40 random windows per sitting, two from the first sitting, one
from each other. Run from the repository root: python tests/data/eval/dev_places/draw.py
"""
from __future__ import annotations

import csv
import json
import random
import re
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[4]
SHARED = REPO.parent / "shared"
QAG = SHARED / "data" / "corpora" / "an-qag-l16" / "json"
SEANCE = SHARED / "data" / "corpora" / "an-seance-2021-2022" / "corpus.jsonl"
GEO = REPO / "tdi_nlp" / "resources" / "geo"
HERE = ":!tests/data/eval/dev_places"
EXCERPT = r"seance-CRSANR[0-9A-Z]*-[0-9]*-[0-9]*"


def names() -> list[str]:
    out = []
    for f in ("departments.tsv", "regions.tsv"):
        rows = [line for line in (GEO / f).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        out += [r["name"] for r in csv.DictReader(rows, delimiter="\t")]
    return out


def richness(text: str, geo: list[str]) -> int:
    n = sum(len(re.findall(r"(?<!\w)" + re.escape(g) + r"(?!\w)", text)) for g in geo)
    return n + len(re.findall(r"\b(?:à|de|d'|d’)\s?[A-Z][a-zé]+", text))


def named(pattern: str) -> set[str]:
    return set(subprocess.run(["git", "grep", "-o", "-h", pattern, "--", "tests", "tdi_nlp/eval", "tdi_nlp/components",
                               "tdi_nlp/resources", "corpus", HERE],
                              cwd=REPO, capture_output=True, text=True).stdout.split())


def questions(rng: random.Random, geo: list[str]) -> list[str]:
    taken = named(r"QANR5L16QG[0-9]*")
    ids = [p.stem for p in QAG.glob("QANR5L16QG*.json")]
    odd = [i for i in ids if int(i.split("QG")[1]) % 2 == 1 and i not in taken]
    scored = sorted(odd, key=lambda i: (-richness((QAG / f"{i}.json").read_text(encoding="utf-8"), geo), i))
    return sorted(rng.sample(scored[:20], 6), key=lambda i: int(i.split("QG")[1]))


def excerpts(rng: random.Random, geo: list[str]) -> list[str]:
    return windows(rng, lambda sessions: [sessions[0]] + sessions, 450, lambda text: richness(text, geo),
                   named(EXCERPT))


def windows(rng: random.Random, pick: Callable[[list[str]], list[str]], words: int, score: Callable[[str], int],
            taken_names: set[str]) -> list[str]:
    """Sitting excerpts: for each sitting `pick` lists (sorted uids in, uids out, repeats allowed), the best by
    `score` of 40 random windows of about `words` words overlapping no excerpt of `taken_names` nor one drawn
    before; named "seance-<uid>-<first syceron id>-<last syceron id>"."""
    by_session = defaultdict(list)
    for line in SEANCE.open(encoding="utf-8"):
        rec = json.loads(line)
        by_session[rec["session_uid"]].append(rec)
    taken = defaultdict(list)
    for ex in taken_names:
        _, s, a, b = ex.split("-")
        ids = [r["syceron_id"] for r in by_session[s]]
        taken[s].append((ids.index(a), ids.index(b) + 1))
    out = []
    for session in pick(sorted(by_session)):
        recs, best = by_session[session], None
        for _ in range(40):
            i = j = rng.randrange(len(recs) - 40)
            n = 0
            while n < words:
                n += len(recs[j]["text"].split())
                j += 1
            if any(not (j <= a or b <= i) for a, b in taken[session]):
                continue
            value = score(" ".join(r["text"] for r in recs[i:j]))
            if best is None or value > best[0]:
                best = (value, i, j)
        _, i, j = best
        taken[session].append((i, j))
        out.append(f"seance-{session}-{recs[i]['syceron_id']}-{recs[j - 1]['syceron_id']}")
    return out




def communes_big() -> list[str]:
    """Names of communes of 30,000 inhabitants or more (a second, stronger place score)."""
    import gzip
    with gzip.open(GEO / "communes.tsv.gz", "rt", encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return [r["name"] for r in csv.DictReader(rows, delimiter="\t") if int(r["population"] or 0) >= 30000]


def questions_round2(rng: random.Random, geo: list[str], first: list[str]) -> list[str]:
    """Rounds 2 and 3 (the first round's texts proved place-poor): 6 more among the 20 richest by gazetteer names
    alone, excluding those drawn before."""
    return sorted(rng.sample(by_names(geo, first)[:20], 6), key=lambda i: int(i.split("QG")[1]))


def questions_round4(geo: list[str], before: list[str]) -> list[str]:
    """Round 4: the 8 richest remaining questions by gazetteer names, no sampling."""
    return sorted(by_names(geo, before)[:8], key=lambda i: int(i.split("QG")[1]))


def by_names(geo: list[str], before: list[str]) -> list[str]:
    """The odd questions named nowhere and not in `before`, richest first by gazetteer names alone (ties by id)."""
    taken = named(r"QANR5L16QG[0-9]*") | set(before)
    ids = [p.stem for p in QAG.glob("QANR5L16QG*.json")]
    odd = [i for i in ids if int(i.split("QG")[1]) % 2 == 1 and i not in taken]

    def score(i: str) -> int:
        text = (QAG / f"{i}.json").read_text(encoding="utf-8")
        return sum(len(re.findall(r"(?<!\w)" + re.escape(g) + r"(?!\w)", text)) for g in geo)
    return sorted(odd, key=lambda i: (-score(i), i))


if __name__ == "__main__":
    geo = names()
    rng = random.Random(1515)
    first = questions(rng, geo)
    print(first)
    print(excerpts(rng, geo))
    big = geo + communes_big()
    second = questions_round2(random.Random(1516), big, first)
    print(second)
    third = questions_round2(random.Random(1517), big, first + second)
    print(third)
    print(questions_round4(big, first + second + third))
