"""Choose the dev_dates sample (DATE and DURATION; tuned on by design): date-rich texts.

Eligible: vie-publique 2020 statements of 300 words or more and AN questions au gouvernement whose number ends in
0, 2 or 4 (other numbers are left to the other dev samples), minus every document of the blind, blind2, dev and
dev_orgs samples and every id their READMEs name. Ranked by `density` (ties by id); the top N_VP statements and
N_AN questions are taken. Statements are annotated on their first paragraphs (dev/draw.py `window_end`).
Run from the repository root: python tests/data/eval/dev_dates/draw.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, vp_id, sibling  # noqa: E402

dev_draw = sibling("dev", "draw")

N_VP, N_AN = 10, 3
SAMPLES = ("blind", "blind2", "dev", "dev_orgs")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
DATE = re.compile(rf"\b(?:{MONTHS}|(?:19|20)\d\d|ans?|années?|mois|semaines?|jours?|depuis|pendant|dernier|"
                  r"dernière|prochaine?|hier|aujourd'hui|été|hiver|printemps|automne|trimestre)\b", re.IGNORECASE)


def used_ids() -> set[str]:
    out = set()
    for folder in SAMPLES:
        base = REPO / "tests/data/eval" / folder
        for line in (base / "sample.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["doc"])
        readme = (base / "README.md").read_text(encoding="utf-8")
        out.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", readme))
        for first, rest in re.findall(r"(QANR5L16QG\d+)((?:, \d+)+)", readme):  # "QANR5L16QG53, 63, 97"
            out.update("QANR5L16QG" + n for n in re.findall(r"\d+", rest))
    return out


def density(text: str) -> float:
    """Date and period words per 100 words."""
    return 100 * len(DATE.findall(text)) / max(len(text.split()), 1)


def draw() -> tuple[list[str], list[str]]:
    excluded = used_ids()
    vp = {}
    for line in VP_FILE.open(encoding="utf-8"):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = density(text[:dev_draw.window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % 10 in (0, 2, 4):
            an[p.stem] = density(dev_draw.an_text(p))
    top = lambda d, n: sorted(sorted(d, key=lambda k: (-d[k], k))[:n])  # noqa: E731
    return top(vp, N_VP), top(an, N_AN)


if __name__ == "__main__":
    vp, an = draw()
    print(json.dumps({"vp": vp, "an": an}, indent=1))
