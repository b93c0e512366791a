"""``tdi-nlp eval theme-agreement``: how far two annotators agree on the themes of the test questions (issue 12).

A1 is the frozen ``labels`` of models/labels/requests.jsonl on its test split (146 questions, one annotator plus
its own recheck); A2 the independent blind second annotation of the same questions (requests_a2.jsonl); the
adjudicated labels settle each question where they differ (requests_adjudicated.jsonl). GUIDE.md, "Second
annotation", tells how each was made. Printed: A2 scored against A1 (per-label P/R/F1 and Cohen's kappa, micro F1,
pooled kappa, identical label sets), the human ceiling; then the shipped theme model, ``tdi_nlp.classify`` (its E5
path) and the text-only path extraction takes, scored against A1, A2 and the adjudicated labels.

``--print-questions`` prints what A2 was written from, and nothing else of the label file: each test question's id
and its text as numbered sentences with their raw offsets (the anchor's coordinates, sha1 checked).
"""
from __future__ import annotations

import json

import numpy as np

NAME = "theme-agreement"
HELP = "themes: a second annotator (A2) against the frozen labels (A1) of the test questions, and the model beside"
SECOND = "requests_a2.jsonl"
ADJUDICATED = "requests_adjudicated.jsonl"


def add_arguments(parser) -> None:
    parser.add_argument("--limit", type=int, default=0, help="only the first N test questions (default all)")
    parser.add_argument("--no-model", action="store_true", help="skip the model's scores")
    parser.add_argument("--disagreements", action="store_true", help="list the questions where A1 and A2 differ")
    parser.add_argument("--print-questions", action="store_true",
                        help="print only the ids and texts of the test questions (what A2 was labelled from)")


def test_refs(limit: int = 0) -> list[dict]:
    """The test references of requests.jsonl, in file order."""
    from ..themes.dataset import load_references
    from ..themes.request_model import REFERENCES
    refs = [r for r in load_references(REFERENCES) if r.get("split") == "test"]
    return refs[:limit] if limit else refs


def load_labels(name: str) -> dict[str, dict]:
    """{id: line} of a label file of models/labels/ keyed by the ids of requests.jsonl."""
    from ..themes.dataset import labels_path
    with open(labels_path(name), encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, filter(str.strip, fh))}


def blind_texts(refs: list[dict]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(id, [(start, end, sentence)]) of each reference: its anchor in the reader's raw text, sha1 checked, split
    into sentences with raw offsets. Reads only id, source, doc and anchor."""
    from ..themes import sources
    from ..themes.dataset import sha1_of
    from ..themes.text import split_sentences
    out = []
    for r in refs:
        raw = sources.raw_text(r["source"], r["doc"])
        s, e = r["anchor"]["start"], r["anchor"]["end"]
        if sha1_of(raw[s:e]) != r["anchor"]["sha1"]:
            raise ValueError(f"{r['id']}: the anchor's sha1 does not match {r['source']}")
        out.append((r["id"], [(s + a, s + b, raw[s + a:s + b]) for a, b in split_sentences(raw[s:e])]))
    return out


def matrix(labels: dict[str, list[str]], ids: list[str]) -> np.ndarray:
    from ..themes.request_model import LABELS
    return np.array([[lab in labels[i] for lab in LABELS] for i in ids], dtype=bool).reshape(len(ids), len(LABELS))


def scores(ref: np.ndarray, other: np.ndarray) -> dict:
    """Per-label and micro (tp, fp, fn, P, R, F1) of ``other`` scored against ``ref``, and the per-label and
    pooled Cohen's kappa (themes.agreement)."""
    from ..themes.agreement import cohen_kappa
    from ._metrics import prf

    def counts(a, b):
        tp, fp, fn = int((a & b).sum()), int((~a & b).sum()), int((a & ~b).sum())
        return (tp, fp, fn) + prf(tp, fp, fn)
    per = [counts(ref[:, j], other[:, j]) + (cohen_kappa(ref[:, j], other[:, j]),) for j in range(ref.shape[1])]
    return {"per_label": per, "micro": counts(ref, other), "pooled_kappa": cohen_kappa(ref.ravel(), other.ravel()),
            "exact": float((ref == other).all(axis=1).mean()) if len(ref) else 1.0}


def print_agreement(res: dict, title: str) -> None:
    from ..themes.request_model import LABELS
    print(title)
    print(f"  {'label':<16}{'A1':>4}{'A2':>4}   P      R      F1     kappa")
    for lab, (tp, fp, fn, p, r, f, k) in zip(LABELS, res["per_label"]):
        kappa = f"{k:.3f}" if tp + fp + fn else "  -  "
        print(f"  {lab:<16}{tp + fn:>4}{tp + fp:>4}   {p:.3f}  {r:.3f}  {f:.3f}  {kappa}")
    tp, fp, fn, p, r, f = res["micro"]
    print(f"  {'micro':<16}{tp + fn:>4}{tp + fp:>4}   {p:.3f}  {r:.3f}  {f:.3f}  pooled kappa "
          f"{res['pooled_kappa']:.3f}; identical label sets {res['exact']:.1%}")


def predictions(refs: list[dict], embed: bool) -> dict[str, list[str]]:
    """Themes the shipped model gives each test question (its normalized text): ``embed`` = tdi_nlp.classify's E5
    path, else the text-only path extraction takes."""
    from ..themes import sources
    from ..themes.classifier import classify
    from ..themes.dataset import locate
    out = {}
    for r in refs:
        span = locate(sources.raw_text(r["source"], r["doc"]), r["anchor"])
        if span is None:
            raise ValueError(f"{r['id']}: anchor not found in {r['source']}")
        norm = sources.normalized(r["source"], r["doc"])
        text = norm.text[norm.from_raw(span[0]):norm.from_raw(span[1], end=True)]
        out[r["id"]] = [t["code"] for t in classify(text, "tdi", embed=embed)]
    return out


def print_model(sets: dict[str, dict[str, list[str]]], preds: dict[str, list[str]], ids: list[str],
                title: str) -> dict[str, float]:
    """Per-label F1 and micro P/R/F1 of a model's themes against each reference label set."""
    from ..themes.request_model import LABELS
    res = {name: scores(matrix(labels, ids), matrix(preds, ids)) for name, labels in sets.items()}
    print(title)
    print(f"  {'F1 against':<16}" + "".join(f"{name:>14}" for name in res))
    for j, lab in enumerate(LABELS):
        print(f"  {lab:<16}" + "".join(f"{v['per_label'][j][5]:>14.3f}" for v in res.values()))
    print(f"  {'micro F1':<16}" + "".join(f"{v['micro'][5]:>14.3f}" for v in res.values()))
    print(f"  {'micro P / R':<16}" + "".join(f"{v['micro'][3]:>7.3f}/{v['micro'][4]:.3f}" for v in res.values()))
    return {name: v["micro"][5] for name, v in res.items()}


def run(args) -> int:
    from threadpoolctl import threadpool_limits

    from ..config import settings
    from ..themes import sources

    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"eval theme-agreement: ../shared is absent ({settings.shared_dir}); nothing to evaluate")
        return 0
    refs = test_refs(args.limit)
    if args.print_questions:
        for rid, sents in blind_texts(refs):
            print(f"=== {rid}")
            for n, (s, e, text) in enumerate(sents):
                print(f"  {n} [{s}-{e}] {' '.join(text.split())}")
        return 0
    ids = [r["id"] for r in refs]
    a1 = {r["id"]: r["labels"] for r in refs}
    a2 = {i: row["labels"] for i, row in load_labels(SECOND).items()}
    adj = {i: row["labels"] for i, row in load_labels(ADJUDICATED).items()}
    missing = [i for i in ids if i not in a2 or i not in adj]
    if missing:
        print(f"eval theme-agreement: {len(missing)} test questions lack a label in {SECOND} or {ADJUDICATED}, "
              f"e.g. {missing[0]}")
        return 1
    A1, A2 = matrix(a1, ids), matrix(a2, ids)
    print(f"{len(ids)} test questions ({int(A1.any(axis=1).sum())} with a theme for A1, "
          f"{int(A2.any(axis=1).sum())} for A2); A1 = frozen labels of requests.jsonl, A2 = {SECOND} (blind), "
          f"adjudicated = {ADJUDICATED}")
    print_agreement(scores(A1, A2), "A2 against A1 (the human ceiling; F1 is symmetric in micro):")
    for name, labels in (("A1", a1), ("A2", a2)):
        res = scores(matrix(adj, ids), matrix(labels, ids))
        print(f"{name} against the adjudicated labels: micro F1 {res['micro'][5]:.3f}, pooled kappa "
              f"{res['pooled_kappa']:.3f}, identical label sets {res['exact']:.1%}")
    differ = [i for i in ids if sorted(a1[i]) != sorted(a2[i])]
    decided = {"A1": sum(sorted(adj[i]) == sorted(a1[i]) for i in differ),
               "A2": sum(sorted(adj[i]) == sorted(a2[i]) for i in differ)}
    print(f"{len(differ)} questions differ; adjudicated as A1 {decided['A1']}, as A2 {decided['A2']}, "
          f"neither {len(differ) - decided['A1'] - decided['A2']}")
    if args.disagreements:
        rows = load_labels(ADJUDICATED)
        for i in differ:
            print(f"  {i}: A1 [{','.join(a1[i])}] A2 [{','.join(a2[i])}] -> [{','.join(adj[i])}] "
                  f"{rows[i].get('reason', '')}")
    if args.no_model:
        return 0
    sets = {"A1": a1, "A2": a2, "adjudicated": adj}
    with threadpool_limits(limits=1):
        e5 = print_model(sets, predictions(refs, embed=True), ids,
                         "model (shipped), tdi_nlp.classify with E5, against each label set:")
        plain = print_model(sets, predictions(refs, embed=False), ids,
                           "model (shipped), text-only path (extraction), against each label set:")
    print("summary micro F1: A2 vs A1 {:.3f}; model E5 vs A1 / A2 / adjudicated {}; text-only {}".format(
        scores(A1, A2)["micro"][5], " / ".join(f"{v:.3f}" for v in e5.values()),
        " / ".join(f"{v:.3f}" for v in plain.values())))
    return 0
