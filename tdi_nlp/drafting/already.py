""""Question déjà posée": the past questions that ask the same thing as a new one (another deputy, other words).

Candidates are the first sources of the drafting retriever; each gets an absolute similarity to the new question
(the fused retrieval score is relative to the best candidate, so it cannot tell "the same question" from "the
closest one"): the mean of the cosine of the idf-weighted word vectors of the two questions and the idf-weighted
share of the new question's terms found in the past question (both in [0, 1], whatever the other candidates). Those at or above THRESHOLD (chosen on the tuning
half of tests/data/eval/already_asked.jsonl, see eval/already_asked.py) are "already asked".
"""
from __future__ import annotations

from . import analysis

# chosen on the tuning half of the judged pairs (eval already-asked --tune): F1 0.865 there, P 0.848 R 0.933 on
# the test half
THRESHOLD = 0.479
CANDIDATES = 10
MAX_SHOWN = 3  # the draft lists at most this many, most similar first


def similarity(index, query: str, entry: dict, q_terms: list[str] | None = None, qv=None) -> float:
    """Absolute similarity in [0, 1] of a new question to the question side of an index entry."""
    q_terms = analysis.terms(query) if q_terms is None else q_terms
    qv = analysis.word_vectors().text(query, index._idf()) if qv is None else qv
    i = index.pos.get(entry["id"])
    cos = float(index.vectors[i, 0] @ qv) if i is not None else 0.0
    need = set(q_terms)
    mass = sum(index.bm25_q.idf_of(t) for t in need) or 1.0
    cov = sum(index.bm25_q.idf_of(t) for t in need & set(entry["q_terms"])) / mass
    return 0.5 * max(cos, 0.0) + 0.5 * cov


def already_asked(index, query: str, hits, threshold: float = THRESHOLD, candidates: int = CANDIDATES) -> list[dict]:
    """[{"entry", "similarity"}] of the first hits asking the same thing as query, most similar first."""
    q_terms = analysis.terms(query)
    qv = analysis.word_vectors().text(query, index._idf())
    out = []
    for h in hits[:candidates]:
        sim = similarity(index, query, h.entry, q_terms, qv)
        if sim >= threshold:
            out.append({"entry": h.entry, "similarity": round(sim, 4)})
    out.sort(key=lambda x: -x["similarity"])
    return out[:MAX_SHOWN]
