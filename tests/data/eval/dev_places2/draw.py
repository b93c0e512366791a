"""The draw of the dev_places2 sample (TERRITORY and PROGRAMME, tuned on by design), chosen before any extractor
was run on the documents.

Eligible: AN questions au gouvernement `QANR5L16QG<n>` with n % 3 == 2 and vie-publique 2020 statements at an ODD
line index of statements.jsonl (the other numbers and lines belong to the orgs2 and numbers2 dev samples), minus
every document of every tests/data/eval/*/sample.jsonl. Each is scored by `richness`: names of regions,
departments, communes of 30,000 inhabitants or more, countries and Territoires d'industrie (tdi_nlp/resources/geo/)
plus twice the programme words (`PROGRAMME`), per 100 words, in the annotated part (a statement's window, see
../dev/draw.py); N_AN questions and N_VP statements are drawn (seed 2142) among the 3 N richest of each kind,
a question whose answer repeats the answer of one drawn before is left out (QANR5L16QG509 repeats the Prime
minister's answer of QANR5L16QG503). That first round proved foreign-affairs heavy (countries are most of its
names), so a second round takes the N2_AN questions and N2_VP statements richest by `french_richness` (French
places and named programmes only: regions, departments by name or number, Territoires d'industrie, communes of
30,000 inhabitants or more, EPCI and metropolis words, "Hexagone", the programme names of `PROGRAMME`), no sampling.
Both rounds still lacked some kinds the sample must hold, so a third round adds, for each group of `KINDS`, the
eligible question richest in it (no sampling).
Run from the repository root: python tests/data/eval/dev_places2/draw.py
"""
from __future__ import annotations

import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, vp_id, sibling  # noqa: E402

dev_draw = sibling("dev", "draw")

SEED, N_AN, N_VP = 2142, 8, 6
N2_AN, N2_VP = 4, 2
REPEATS = {"QANR5L16QG509"}  # its answer is QANR5L16QG503's, word for word
GEO = REPO / "tdi_nlp" / "resources" / "geo"
PROGRAMME = re.compile(r"France 2030|France Relance|plan de relance|c(?:œ|oe)ur de ville|Petites villes de demain"
                       r"|Territoires? d'industrie|Prime ?R[ée]nov|investissements? d'avenir|\bPIA\b"
                       r"|\b(?:plan|programme|appel à projets|pacte|fonds|label)\s+[«\"A-Z]", re.IGNORECASE)


def tsv(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def place_names(files: tuple = ("regions.tsv", "departments.tsv", "countries.tsv", "tdi.tsv")) -> re.Pattern:
    names = [r["name"] for f in files for r in tsv(GEO / f)]
    names += [r["name"] for r in tsv(GEO / "communes.tsv.gz") if int(r["population"] or 0) >= 30000]
    names = sorted({n for n in names if len(n) > 3}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def sampled_ids() -> set[str]:
    out = set()
    for f in (REPO / "tests" / "data" / "eval").glob("*/sample.jsonl"):
        if f.parent != HERE:
            out.update(json.loads(line)["doc"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def richness(text: str, places: re.Pattern) -> float:
    n = len(places.findall(text)) + 2 * len(PROGRAMME.findall(text))
    return 100 * n / max(len(text.split()), 1)


FRENCH = re.compile(r"\b(?:m[ée]tropole|communaut[ée] (?:de communes|d'agglom[ée]ration|urbaine)|agglom[ée]ration"
                    r"|intercommunalit[ée]|Hexagone|(?:le|du|dans le) (?:[1-9]\d|2[AB]|97\d)\b(?![ ,.]*(?:\d|janv|f[ée]v|mars|avr"
                    r"|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c|heures?|ans?\b|%|pour|h\b)))", re.IGNORECASE)


KINDS = {
    "programme names": r"France 2030|France Relance|Petites villes de demain|Territoires? d'industrie|Prime ?R[ée]nov"
                       r"|investissements d'avenir|c(?:œ|oe)ur de ville",
    "overseas and Hexagone": r"Hexagone|Guyane|Mayotte|R[ée]union|Martinique|Guadeloupe|Nouvelle-Cal[ée]donie|Polyn[ée]sie",
    "EPCI and metropolises": r"m[ée]tropole (?:de|du|d')|communaut[ée] (?:de communes|d'agglom[ée]ration)|intercommunalit",
}


def french_richness(text: str, places: re.Pattern) -> float:
    n = len(places.findall(text)) + len(FRENCH.findall(text)) + 2 * len(PROGRAMME.findall(text))
    return 100 * n / max(len(text.split()), 1)


def candidates(score, places, excluded: set[str], statements: bool = True) -> tuple[dict, dict]:
    """Eligible questions and statements (their annotated part) scored by `score`."""
    an = {p.stem: score(dev_draw.an_text(p), places) for p in AN_DIR.glob("QANR5L16QG*.json")
          if int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG"))) % 3 == 2 and p.stem not in excluded}
    vp: dict = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8") if statements else ()):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % 2 == 1 and vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = score(text[:dev_draw.window_end(text) or len(text)], places)
    return an, vp


def draw() -> tuple[list[str], list[str]]:
    excluded = sampled_ids()
    an, vp = candidates(richness, place_names(), excluded)
    rng = random.Random(SEED)
    pick = lambda d, n: sorted(rng.sample(sorted(d, key=lambda k: (-d[k], k))[:3 * n], n))  # noqa: E731
    first_an, first_vp = [i for i in pick(an, N_AN) if i not in REPEATS], pick(vp, N_VP)
    excluded |= set(first_an) | set(first_vp) | REPEATS
    an, vp = candidates(french_richness, place_names(("regions.tsv", "departments.tsv", "tdi.tsv")), excluded)
    top = lambda d, n: sorted(sorted(d, key=lambda k: (-d[k], k))[:n])  # noqa: E731
    second_an = top(an, N2_AN)
    excluded |= set(second_an)
    third = []
    for pattern in KINDS.values():
        kind = re.compile(pattern, re.IGNORECASE)
        an, _ = candidates(lambda text, _places: len(kind.findall(text)), None, excluded | set(third), statements=False)
        third.append(sorted(an, key=lambda k: (-an[k], k))[0])
    return sorted(first_an + second_an + third), sorted(first_vp + top(vp, N2_VP))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
