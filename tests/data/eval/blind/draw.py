"""Draw the blind sample: a seeded random choice of unused AN questions and vie-publique statements.

Run from the repository root: python tests/data/eval/blind/draw.py  (prints the chosen ids; see README.md).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import re
from pathlib import Path

SEED = 14
N_AN, N_VP = 11, 7
REPO = Path(__file__).resolve().parents[4]
SHARED = REPO.parent / "shared"
AN_DIR = SHARED / "data/corpora/an-qag-l16/json"
VP_FILE = SHARED / "data/corpora/vie-publique-2020/statements.jsonl"


def sibling(folder: str, name: str):
    """Load tests/data/eval/<folder>/<name>.py as a module: the samples' scripts are not a package, and the later
    samples reuse the earlier ones' draw and build code."""
    path = Path(__file__).resolve().parents[1] / folder / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{folder}_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vp_id(rec: dict) -> str:
    """Same id as tdi_nlp.themes.sources.vp_id."""
    return "vp-" + hashlib.sha1(f"{rec.get('title', '')}|{rec.get('date', '')}".encode()).hexdigest()[:12]


def sample_doc_ids(skip: Path | None = None) -> set[str]:
    """Document ids of every tests/data/eval/*/sample.jsonl, except that of the folder ``skip``."""
    out: set[str] = set()
    for f in (REPO / "tests" / "data" / "eval").glob("*/sample.jsonl"):
        if f.parent != skip:
            out.update(json.loads(line)["doc"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def random_then_densest(rng: random.Random, draws: list[tuple[str, dict, int, int]]) -> dict[str, list[str]]:
    """For each (kind, pool {id: density}, n_random, n_dense) in order: n_random ids drawn uniformly, then, after
    all random draws, n_dense more among the 3 n_dense densest of the rest (the dev samples' draw)."""
    chosen = {kind: rng.sample(sorted(pool), n) for kind, pool, n, _ in draws}
    for kind, pool, _, n in draws:
        rest = sorted((k for k in pool if k not in chosen[kind]), key=lambda k: (-pool[k], k))[:3 * n]
        chosen[kind] += rng.sample(rest, n)
    return chosen


def readme_doc_ids(skip: Path | None = None) -> set[str]:
    """Document ids named in the README of every sample folder under tests/data/eval, except that of ``skip``."""
    out: set[str] = set()
    for readme in (REPO / "tests" / "data" / "eval").glob("*/README.md"):
        if readme.parent != skip:
            out.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", readme.read_text(encoding="utf-8")))
    return out


def used_ids() -> set[str]:
    """Every document id already used for rules, labels or judged samples."""
    used = set()
    for f in list((REPO / "tdi_nlp/eval/data").glob("*.jsonl")) + list((REPO / "tdi_nlp/themes/data").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                used.update(str(obj[k]) for k in ("uid", "doc") if obj.get(k))
    for f in (REPO / "tests").glob("*.py"):  # ids named in tests count as read
        used.update(re.findall(r"QANR5L16QG\d+|vp-[0-9a-f]{12}", f.read_text(encoding="utf-8")))
    used.update(p.stem for p in (REPO / "corpus").iterdir())
    return used


def draw(seed: int = SEED, n_an: int = N_AN, n_vp: int = N_VP,
         used: set[str] | None = None) -> tuple[list[str], list[str]]:
    used = used_ids() if used is None else used
    rng = random.Random(seed)
    an = sorted(p.stem for p in AN_DIR.glob("*.json") if p.stem not in used)
    vp = []
    for line in VP_FILE.open(encoding="utf-8"):
        rec = json.loads(line)
        words = len((rec.get("text_plain") or "").split())
        if vp_id(rec) not in used and 300 <= words <= 1500:
            vp.append(vp_id(rec))
    return sorted(rng.sample(an, n_an)), sorted(rng.sample(sorted(set(vp)), n_vp))


if __name__ == "__main__":
    an, vp = draw()
    print(json.dumps({"an": an, "vp": vp}, indent=1))
