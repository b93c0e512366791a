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
"""
from __future__ import annotations

import numpy as np

from ._metrics import prf
from .search import eval_kb, load_set

NAME = "already-asked"
HELP = "rank and score of the past question asking the same thing (judged pairs), beside TF-IDF"


def add_arguments(parser) -> None:
    parser.add_argument("--kb", help="KB of the evaluation documents (see eval search)")
    parser.add_argument("--rank", type=int, default=1, help="predict 'same' when past_doc ranks this high (default 1)")


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
    ours_r, ours_s, base_r, base_s = [], [], [], []
    for p, q in zip(pairs, queries):
        own = {p["query_doc"]} if p.get("query_doc") else set()
        hits = index.search(q, k=len(ids), exclude=own)
        ranked = [h.entry["id"] for h in hits]
        r = ranked.index(p["past_doc"]) + 1 if p["past_doc"] in ranked else None
        ours_r.append(r)
        ours_s.append(hits[r - 1].score if r else 0.0)
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
    return 0
