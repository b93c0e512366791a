"""Choose the dev sample (MONEY, COUNT, PERCENT, PROGRAMME; tuned on by design): money- and programme-rich texts.

Eligible: vie-publique 2020 statements of 300 words or more and AN questions au gouvernement with an EVEN number
(the odd ones are left to the ORG/PERSON dev sample), minus both blind samples' documents. Ranked by `density`
(ties by id); the top N_VP statements and N_AN questions are taken. A statement is annotated on its first
paragraphs only (`window_end`: the first paragraph break after WINDOW_WORDS words).
Run from the repository root: python tests/data/eval/dev/draw.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from draw import AN_DIR, REPO, VP_FILE, vp_id  # noqa: E402

N_VP, N_AN = 10, 4
WINDOW_WORDS = 600
MONEY = re.compile(r"€|\b(?:euros?|milliards?|millions?)\b", re.IGNORECASE)
PROGRAMME = re.compile(r"\b(?:plan|programmes?|dispositifs?|appels? à projets|fonds|pacte|stratégie)\b", re.IGNORECASE)


def blind_ids() -> set[str]:
    out = set()
    for folder in ("blind", "blind2"):
        for line in (REPO / "tests/data/eval" / folder / "sample.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["doc"])
    return out


def an_text(path: Path) -> str:
    """Every string of the AN JSON file, joined (enough to rank by content)."""
    out: list[str] = []

    def walk(x) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return re.sub(r"<[^>]+>", " ", " ".join(out))


def density(text: str) -> float:
    """Money words, plus half a point per programme word, per 100 words."""
    return 100 * (len(MONEY.findall(text)) + 0.5 * len(PROGRAMME.findall(text))) / max(len(text.split()), 1)


def window_end(text: str, words: int = WINDOW_WORDS) -> int | None:
    """Offset of the first paragraph break after `words` words; None when the text is shorter."""
    for m in re.finditer(r"\n\s*\n|\n", text):
        if len(text[:m.start()].split()) >= words:
            return m.start()
    return None


def draw() -> tuple[list[str], list[str]]:
    excluded = blind_ids()
    vp = {}
    for line in VP_FILE.open(encoding="utf-8"):
        rec = json.loads(line)
        text = rec.get("text_plain") or ""
        if vp_id(rec) not in excluded and len(text.split()) >= 300:
            vp[vp_id(rec)] = density(text[:window_end(text) or len(text)])
    an = {}
    for p in AN_DIR.glob("*.json"):
        number = int(re.sub(r"\D", "", p.stem.removeprefix("QANR5L16QG")))
        if p.stem not in excluded and number % 2 == 0:
            an[p.stem] = density(an_text(p))
    top = lambda d, n: sorted(sorted(d, key=lambda k: (-d[k], k))[:n])  # noqa: E731
    return top(vp, N_VP), top(an, N_AN)


if __name__ == "__main__":
    vp, an = draw()
    print(json.dumps({"vp": vp, "an": an}, indent=1))
