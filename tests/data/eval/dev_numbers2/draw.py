"""Choose the dev_numbers2 sample (MONEY, COUNT, PERCENT, DATE, DURATION; tuned on by design).

Eligible (the partition of the round-2 extraction work): vie-publique 2020 statements at an EVEN line index of
statements.jsonl, of 300 words or more, and AN questions au gouvernement whose number N has N % 3 == 1, minus every
document of every tests/data/eval/*/sample.jsonl and every id their READMEs name. Each document is given the topic
(budgets, employment, health, energy, farming, housing) whose words it holds most; documents are ranked by figure
and period words per 100 words (`density`, on a statement's window), and taken round-robin over the topics, best
first, so the sample is varied: N_VP statements and N_AN questions.
Run from the repository root: python tests/data/eval/dev_numbers2/draw.py
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

N_VP, N_AN = 10, 7
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
FIGURE = re.compile(rf"\d+(?:[ ,.]\d+)*|%|€|\b(?:euros?|milliards?|millions?|{MONTHS}|ans?|années?|mois|"
                    r"semaines?|jours?|trimestres?|deux|trois|quatre|cinq|six|dix|cent|mille)\b", re.IGNORECASE)
TOPICS = {
    "budgets": r"budget|crédits|finances publiques|dépenses|loi de finances",
    "employment": r"emploi|chômage|salariés|embauche|apprenti",
    "health": r"santé|hôpita|soignant|médecin|vaccin|covid",
    "energy": r"énergie|électricité|gaz|nucléaire|carburant|renouvelable",
    "farming": r"agricult|agriculteur|éleveur|élevage|récolte|filière",
    "housing": r"logement|loyer|habitat|rénovation|HLM",
}


def used_ids() -> set[str]:
    out = set()
    for base in sorted((REPO / "tests/data/eval").iterdir()):
        if base == HERE or not (base / "sample.jsonl").is_file():
            continue
        for line in (base / "sample.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["doc"])
        readme = base / "README.md"
        if readme.is_file():
            out.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", readme.read_text(encoding="utf-8")))
    return out


def density(text: str) -> float:
    return 100 * len(FIGURE.findall(text)) / max(len(text.split()), 1)


def topic(text: str) -> str:
    return max(TOPICS, key=lambda t: (len(re.findall(TOPICS[t], text, re.IGNORECASE)), t))


def pick(scored: dict[str, tuple[float, str]], n: int) -> list[str]:
    """Round-robin over the topics, each topic's documents by density (ties by id)."""
    queues = {t: sorted((k for k, (_, tt) in scored.items() if tt == t), key=lambda k: (-scored[k][0], k))
              for t in TOPICS}
    out: list[str] = []
    while len(out) < n and any(queues.values()):
        for t in TOPICS:
            if queues[t] and len(out) < n:
                out.append(queues[t].pop(0))
    return sorted(out)


def draw() -> tuple[list[str], list[str]]:
    excluded = used_ids()
    vp = {}
    for i, line in enumerate(VP_FILE.open(encoding="utf-8")):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if i % 2 == 0 and vp_id(rec) not in excluded and len(text.split()) >= 300:
            window = text[:dev_draw.window_end(text) or len(text)]
            vp[vp_id(rec)] = (density(window), topic(window))
    an = {}
    for p in AN_DIR.glob("*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % 3 == 1:
            text = dev_draw.an_text(p)
            an[p.stem] = (density(text), topic(text))
    return pick(vp, N_VP), pick(an, N_AN)


if __name__ == "__main__":
    vp, an = draw()
    print(json.dumps({"vp": vp, "an": an}, indent=1))
