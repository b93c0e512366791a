"""PERSON and ORG extraction and linking: the five seeds against hand-checked mentions, and a hand-checked random
sample of PERSON mentions from the Assemblée nationale questions au gouvernement (16th legislature).

- Seeds (``corpus/``): expected mentions in ``tests/data/eval/people_seeds.jsonl`` (label, text, entity id; "title"
  marks a minister named by title alone). A prediction matches an expected mention of the same label whose text contains
  it or is contained in it; "linked" also requires the same entity id. The baseline is the stock fr_core_news_md NER
  (PER -> PERSON, ORG -> ORG), spans only.
- Sample (``tests/data/eval/people_sample.jsonl``): PERSON mentions drawn at random (fixed seed) from the AN
  transcripts, each with a verdict written by hand. Precision is the share judged correct among those the system still predicts
  identically; changed predictions are counted apart (re-draw and re-check with --draw).
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from ..config import checkout_path, shared_path
from ._metrics import fmt_row, prf

NAME = "people"
HELP = "PERSON/ORG extraction and linking on the seeds, and precision on a hand-checked AN sample"
DATA = checkout_path("tests", "data", "eval", must_exist=False)  # judged data live in the checkout, not the wheel
SEEDS_FILE = DATA / "people_seeds.jsonl"
SAMPLE_FILE = DATA / "people_sample.jsonl"
AN_DIR = ("data", "corpora", "an-qag-l16", "json")
SEED = 20181122


def add_arguments(parser) -> None:
    parser.add_argument("--corpus", help="folder of the seed documents (default corpus/ of the checkout)")
    parser.add_argument("--draw", type=int, default=0, metavar="N",
                        help="draw a fresh sample of N PERSON mentions to --out (verdicts left empty), then stop")
    parser.add_argument("--docs", type=int, default=40, help="AN documents to draw the sample from (default 40)")
    parser.add_argument("--out", default=str(DATA / "people_sample.draw.jsonl"))
    parser.add_argument("--verbose", "-v", action="store_true", help="print misses and false positives")


def _pipeline():
    from ..pipeline import build, discover
    names = [n for _, n in discover()]
    wanted = [n for n in ("tdi_dates", "tdi_persons", "tdi_orgs") if n in names]
    try:
        return build(components=wanted)
    except Exception as exc:  # the dates component is optional here: persons fall back on plain dates
        print(f"people: running without tdi_dates ({type(exc).__name__}: {exc})", file=sys.stderr)
        return build(components=["tdi_persons", "tdi_orgs"])


def _fold(text: str) -> str:
    from ..text_utils import fold
    return re.sub(r"\W+", " ", fold(text)).strip()


# ---------------------------------------------------------------- seeds

def _seed_doc(nlp, path: Path, date: str):
    try:
        from ..extraction import prepare
        from ..readers import read_path
        from ..records import make_doc
        document, _ = prepare(read_path(path).documents[0])
        document.date = document.date or date
        return nlp(make_doc(nlp, document))
    except ImportError:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        doc._.ref_date = date
        return nlp(doc)


def match(pred: list[tuple], gold: list[tuple], linked: bool) -> tuple[int, int, int, list, list]:
    """Greedy one-to-one matching of (label, text, id) mentions; returns tp, fp, fn, misses, false positives."""
    used = [False] * len(pred)
    misses = []
    for g in gold:
        gt = _fold(g[1])
        for i, p in enumerate(pred):
            if used[i] or p[0] != g[0]:
                continue
            pt = _fold(p[1])
            if not pt or not (pt in gt or gt in pt):
                continue
            if linked and p[2] != g[2]:
                continue
            used[i] = True
            break
        else:
            misses.append(g)
    fps = [p for i, p in enumerate(pred) if not used[i]]
    tp = len(gold) - len(misses)
    return tp, len(fps), len(misses), misses, fps


def run_seeds(nlp, corpus: Path, verbose: bool) -> dict:
    if not SEEDS_FILE.exists() or not corpus.is_dir():
        print(f"people: seeds or expectations missing ({corpus}, {SEEDS_FILE})")
        return {}
    expected = [json.loads(line) for line in SEEDS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: Counter[str | tuple[str, str, str]] = Counter()  # (label, system, tp|fp|fn) and "titles..."
    for exp in expected:
        files = sorted(corpus.glob(f"{exp['doc']}*"))
        if not files:
            print(f"people: seed {exp['doc']} not found in {corpus}")
            continue
        doc = _seed_doc(nlp, files[0], exp["date"])
        gold_all = [tuple(m[:3]) + (len(m) > 3 and m[3] == "title",) for m in exp["mentions"]]
        ours = [(s.label_, s.text, s._.entity_id) for s in sorted(doc.spans.get("facts", []), key=lambda s: s.start)
                if s.label_ in ("PERSON", "ORG")]
        stock = [({"PER": "PERSON"}.get(e.label_, e.label_), e.text, None) for e in doc.ents if e.label_ in ("PER", "ORG")]
        for label in ("PERSON", "ORG"):
            gold = [g for g in gold_all if g[0] == label]
            mine = [p for p in ours if p[0] == label]
            for kind, preds, linked in (("linked", mine, True), ("span", mine, False),
                                        ("stock", [p for p in stock if p[0] == label], False)):
                tp, fp, fn, misses, fps = match(preds, gold, linked)
                totals[(label, kind, "tp")] += tp
                totals[(label, kind, "fp")] += fp
                totals[(label, kind, "fn")] += fn
                if verbose and kind == "linked" and (misses or fps):
                    for m in misses:
                        print(f"  {exp['doc']} miss {label}: {m[1]!r} {m[2]}")
                    for p in fps:
                        print(f"  {exp['doc']} extra {label}: {p[1]!r} {p[2]}")
        titles = [g for g in gold_all if g[3]]
        tp, _, _, _, _ = match([p for p in ours if p[0] == "PERSON"], titles, True)
        totals["titles"] += len(titles)
        totals["titles_ok"] += tp
    print(f"Seeds ({len(expected)} documents, expected mentions written by hand in {SEEDS_FILE.name})")
    for label in ("PERSON", "ORG"):
        for kind, name in (("linked", "tdi (span + id)"), ("span", "tdi (span only)"),
                           ("stock", "baseline fr_core_news_md")):
            row = [totals[(label, kind, k)] for k in ("tp", "fp", "fn")]
            print("  " + fmt_row(f"{label} {name}", *row))
    share = totals["titles_ok"] / totals["titles"] if totals["titles"] else 0.0
    print(f"  role-only minister mentions resolved to the right holder: {totals['titles_ok']}/{totals['titles']}"
          f" = {share:.3f}")
    return totals


# ---------------------------------------------------------------- AN sample

def an_text(path: Path) -> tuple[str, str, str | None]:
    """(uid, plain text, date) of an AN question file: the transcript with its tags stripped by BeautifulSoup."""
    from bs4 import BeautifulSoup
    q = json.loads(path.read_text(encoding="utf-8"))["question"]
    rep = (q.get("textesReponse") or {}).get("texteReponse") or {}
    if isinstance(rep, list):
        rep = rep[0]
    html = rep.get("texte") or ""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    try:
        from ..normalize import normalize
        text = normalize(text).text
    except ImportError:
        pass
    return q["uid"], text, ((rep.get("infoJO") or {}).get("dateJO") or None)


def _an_doc(nlp, path: Path):
    uid, text, date = an_text(path)
    doc = nlp.make_doc(text)
    doc._.ref_date = date
    doc._.doc_id = uid
    return uid, nlp(doc)


def draw(nlp, folder: Path, n: int, n_docs: int, out: Path) -> int:
    rng = random.Random(SEED)
    files = sorted(folder.glob("*.json"))
    chosen = rng.sample(files, min(n_docs, len(files)))
    mentions = []
    for path in chosen:
        uid, doc = _an_doc(nlp, path)
        for s in doc.spans.get("facts", []):
            if s.label_ == "PERSON":
                v = s._.value or {}
                mentions.append({"uid": uid, "file": path.name, "start": s.start_char, "end": s.end_char,
                                 "text": s.text, "predicted": s._.entity_id, "mention": v.get("mention"),
                                 "context": doc.text[max(0, s.start_char - 60):s.end_char + 60].replace("\n", " "),
                                 "verdict": None})
    picked = sorted(rng.sample(mentions, min(n, len(mentions))), key=lambda m: (m["file"], m["start"]))
    with open(out, "w", encoding="utf-8") as fh:
        for m in picked:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(f"drew {len(picked)} of {len(mentions)} PERSON mentions from {len(chosen)} documents into {out}")
    return 0


def run_sample(nlp, folder: Path, verbose: bool, max_docs: int | None = None) -> dict:
    """Precision on each round of hand-checked mentions (round 1: first blind draw; later rounds: re-draws).
    max_docs keeps only the mentions of the first documents (for a quick test)."""
    if not SAMPLE_FILE.exists():
        print(f"people: no hand-checked sample ({SAMPLE_FILE}); draw one with --draw 50")
        return {}
    sample = [json.loads(line) for line in SAMPLE_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    if max_docs:
        keep = sorted({m["file"] for m in sample})[:max_docs]
        sample = [m for m in sample if m["file"] in keep]
    docs: dict[str, tuple] = {}
    for name in sorted({m["file"] for m in sample}):
        path = folder / name
        if path.exists():
            _, doc = _an_doc(nlp, path)
            now = {(s.start_char, s.end_char): s._.entity_id for s in doc.spans.get("facts", [])
                   if s.label_ == "PERSON"}
            titles = sum(1 for s in doc.spans.get("facts", []) if s.label_ == "PERSON"
                         and (s._.value or {}).get("mention") == "title")
            docs[name] = (now, titles, len(doc.user_data.get("tdi_persons_unresolved", [])))
    print(f"AN sample (PERSON mentions drawn at random, seed {SEED}, verdicts by hand in {SAMPLE_FILE.name})")
    out = {}
    for rnd in sorted({m.get("round", 1) for m in sample}):
        items = [m for m in sample if m.get("round", 1) == rnd]
        same = correct = changed = 0
        for m in items:
            now = docs.get(m["file"], ({},))[0]
            if now.get((m["start"], m["end"])) != m["predicted"]:
                changed += 1
                if verbose:
                    print(f"  changed: {m['file']} {m['text']!r} was {m['predicted']} now "
                          f"{now.get((m['start'], m['end']))}")
                continue
            same += 1
            correct += m["verdict"] == "correct"
            if verbose and m["verdict"] != "correct":
                print(f"  wrong: {m['file']} {m['text']!r} -> {m['predicted']} ({m.get('note', '')})")
        checked_ok = sum(m["verdict"] == "correct" for m in items)
        p = correct / same if same else 0.0
        print(f"  round {rnd}: {len(items)} mentions, {checked_ok} correct when checked; now precision = "
              f"{correct}/{same} = {p:.3f} on those predicted unchanged ({changed} changed since)")
        out[rnd] = (correct, same, changed)
    titles = sum(v[1] for v in docs.values())
    unresolved = sum(v[2] for v in docs.values())
    print(f"  in the {len(docs)} sampled documents: {titles} titles resolved to a holder, {unresolved} left "
          f"unresolved (bare title with no holder in the document)")
    return out


def run(args) -> int:
    corpus = Path(args.corpus) if getattr(args, "corpus", None) else checkout_path("corpus")
    checkout_path("tests", "data", "eval", SEEDS_FILE.name)  # CheckoutMissing outside a source checkout
    folder = shared_path(*AN_DIR)
    nlp = _pipeline()
    if getattr(args, "draw", 0):
        if not folder.is_dir():
            print(f"people: {folder} is absent; cannot draw a sample")
            return 0
        return draw(nlp, folder, args.draw, args.docs, Path(args.out))
    run_seeds(nlp, corpus, getattr(args, "verbose", False))
    if folder.is_dir():
        run_sample(nlp, folder, getattr(args, "verbose", False))
    else:
        print(f"people: ../shared AN corpus absent ({folder}); the sample precision is not measured")
    return 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    sys.exit(run(ap.parse_args()))
