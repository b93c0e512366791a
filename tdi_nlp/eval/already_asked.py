""""Already asked?": does the drafting retriever put the past question that asks the same thing first?

tests/data/eval/already_asked.jsonl (issue 13) holds judged pairs (new question, past question): positives are AN
questions au gouvernement of the same rubrique and analyse by different deputies whose requests were read and found
alike, plus paraphrases written for the set (``query_text``); negatives share the rubrique (sometimes the analyse)
but ask something else. The new question is the question part of ``query_doc`` (or ``query_text``); it is run
against every question/answer pair of the evaluation KB (see eval/search.py) except itself, with the drafting
retriever as ``draft`` uses it (no territory, theme or ministry given). For each pair we read the score and the rank
of ``past_doc``. "Same" is predicted when past_doc ranks in the top --rank (an a priori rule) or, the optimistic
figure, when its score passes the threshold that maximizes F1 on these same pairs. The baseline is TF-IDF cosine
over the question and answer texts of the same pairs.

What the draft shows as "Question déjà posée" (drafting/already.py): past_doc among the first CANDIDATES sources
with an absolute similarity >= THRESHOLD. Split (fixed before tuning): a pair belongs to the tuning half when the
CRC-32 of its query (query_doc, else query_text) is even, else to the test half; the threshold maximizing F1 on
the tuning half is reported with P/R/F1 on both halves (``--tune``; otherwise the module's THRESHOLD).
"""
from __future__ import annotations

import zlib

import numpy as np

from ._metrics import prf
from .search import eval_kb, load_set

NAME = "already-asked"
HELP = "rank and score of the past question asking the same thing (judged pairs), beside TF-IDF"


def add_arguments(parser) -> None:
    parser.add_argument("--kb", help="KB of the evaluation documents (see eval search)")
    parser.add_argument("--rank", type=int, default=1, help="predict 'same' when past_doc ranks this high (default 1)")
    parser.add_argument("--tune", action="store_true", help="choose the similarity threshold on the tuning half")


CANDIDATE_GRID = (1, 3, 5, 10)


def half(pair: dict) -> str:
    key = pair.get("query_doc") or pair.get("query_text") or ""
    return "tune" if zlib.crc32(key.encode("utf-8")) % 2 == 0 else "test"


def counts(pred: list[bool], same: list[bool]) -> tuple[float, float, float]:
    tp = sum(1 for p, y in zip(pred, same) if p and y)
    fp = sum(1 for p, y in zip(pred, same) if p and not y)
    fn = sum(1 for p, y in zip(pred, same) if not p and y)
    return prf(tp, fp, fn)


def question_text(kb, doc_id: str) -> str:
    doc = kb.document(doc_id)
    return "\n".join(doc["text"][s["start"]:s["end"]] for s in doc["sections"] if s["kind"] == "question")


def best_threshold(scores: list[float], same: list[bool]) -> tuple[float, float, float, float]:
    """(threshold, P, R, F1) of the score cut that maximizes F1 on these pairs (optimistic)."""
    best = (0.0, 0.0, 0.0, 0.0)
    for t in sorted(set(scores)):
        tp = sum(1 for s, y in zip(scores, same) if s >= t and y)
        fp = sum(1 for s, y in zip(scores, same) if s >= t and not y)
        fn = sum(1 for s, y in zip(scores, same) if s < t and y)
        p, r, f = prf(tp, fp, fn)
        if f > best[3]:
            best = (t, p, r, f)
    return best


def _predicted(rank: int | None, sim: float, candidates: int, threshold: float) -> bool:
    """Whether a past question ranked rank (None: not found) with this similarity is flagged as already asked."""
    return bool(rank and rank <= candidates and sim >= threshold)


def report(name: str, ranks: list[int | None], scores: list[float], same: list[bool], cut: int) -> None:
    tp = sum(1 for r, y in zip(ranks, same) if r and r <= cut and y)
    fp = sum(1 for r, y in zip(ranks, same) if r and r <= cut and not y)
    fn = sum(1 for r, y in zip(ranks, same) if not (r and r <= cut) and y)
    p, r, f = prf(tp, fp, fn)
    pos = [rk for rk, y in zip(ranks, same) if y]
    mrr = float(np.mean([1 / rk if rk else 0.0 for rk in pos]))
    t, bp, br, bf = best_threshold(scores, same)
    print(f"{name:<30} rank<={cut}: P={p:.3f} R={r:.3f} F1={f:.3f} | MRR of the positives={mrr:.3f} | "
          f"best score threshold {t:.3f} (optimistic): P={bp:.3f} R={br:.3f} F1={bf:.3f}")


def run(args) -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..drafting import already
    from ..drafting.index import for_kb
    from ..kb import KnowledgeBase
    pairs = load_set("already_asked.jsonl")
    if pairs is None:
        return 0
    path = eval_kb(args.kb)
    if path is None:
        return 0
    with KnowledgeBase(path) as kb:
        index = for_kb(kb)
        ids = [e["id"] for e in index.entries]
        texts = []
        for doc_id in ids:
            doc = kb.document(doc_id)
            texts.append("\n".join(doc["text"][s["start"]:s["end"]] for s in doc["sections"]
                                   if s["kind"] in ("question", "answer")))
        queries = [p.get("query_text") or question_text(kb, p["query_doc"]) for p in pairs]
    vec = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
    m = vec.fit_transform(texts)
    pos = {d: i for i, d in enumerate(ids)}
    ours_r, ours_s, base_r, base_s, sims = [], [], [], [], []
    for p, q in zip(pairs, queries):
        own = {p["query_doc"]} if p.get("query_doc") else set()
        hits = index.search(q, k=len(ids), exclude=own)
        ranked = [h.entry["id"] for h in hits]
        r = ranked.index(p["past_doc"]) + 1 if p["past_doc"] in ranked else None
        ours_r.append(r)
        ours_s.append(hits[r - 1].score if r else 0.0)
        sims.append(already.similarity(index, q, hits[r - 1].entry) if r else 0.0)
        s = (m @ vec.transform([q]).T).toarray().ravel()
        for d in own:
            if d in pos:
                s[pos[d]] = -1.0
        j = pos.get(p["past_doc"])
        base_s.append(float(s[j]) if j is not None else 0.0)
        base_r.append(int((s > s[j]).sum()) + 1 if j is not None else None)
    same = [bool(p["same"]) for p in pairs]
    print(f"already asked: {len(pairs)} judged pairs ({sum(same)} same, {len(same) - sum(same)} different), "
          f"{len(ids)} past question/answer pairs in {path}")
    report("drafting retriever", ours_r, ours_s, same, args.rank)
    report("baseline TF-IDF cosine", base_r, base_s, same, args.rank)
    halves = [half(p) for p in pairs]
    threshold, cands = already.THRESHOLD, already.CANDIDATES
    if args.tune:
        tune = [i for i, h in enumerate(halves) if h == "tune"]
        best = (-1.0, threshold, cands)
        for c in CANDIDATE_GRID:
            for t in sorted({round(sims[i], 3) for i in tune}):
                pred = [_predicted(ours_r[i], sims[i], c, t) for i in tune]
                f = counts(pred, [same[i] for i in tune])[2]
                if f > best[0]:
                    best = (f, t, c)
        threshold, cands = best[1], best[2]
    print(f"'Question déjà posée' (top {cands} sources, similarity >= {threshold:.3f}"
          f"{', chosen on the tuning half' if args.tune else ''}):")
    for h in ("tune", "test"):
        idx = [i for i, x in enumerate(halves) if x == h]
        pred = [_predicted(ours_r[i], sims[i], cands, threshold) for i in idx]
        p_, r_, f_ = counts(pred, [same[i] for i in idx])
        print(f"  {h} half: {len(idx)} pairs ({sum(same[i] for i in idx)} same): P={p_:.3f} R={r_:.3f} F1={f_:.3f}")
    return 0
