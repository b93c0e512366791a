"""One answer block per request of the question: the best passages of the KB, today's figure, or "nothing found".

The subject of the question (its text without the request clauses) weighs the passage ranking less than the clause
itself (passages.py). A request is answered when its best passage is anchored (the clause's years and proper names
occur in its document) and passes MIN_SCORE and MIN_COVERAGE (chosen on the tuning half of
tests/data/eval/draft_requests.jsonl, see eval/requests.py), or when the KB's timeline knows its figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..figures import today_figure
from .passages import PassageHit
from .requests import Request

MIN_SCORE = 0.3  # chosen on the tuning half (eval draft-requests --tune): 38/42 requests handled right there
MIN_COVERAGE = 0.5
SECOND_PASSAGE = 0.9
DUPLICATE = 0.6  # share of shared terms that makes two passages one  # a second passage (another document) when it scores this share of the best one


@dataclass
class RequestAnswer:
    request: Request
    passages: list[PassageHit] = field(default_factory=list)
    figure: dict | None = None

    @property
    def found(self) -> bool:
        return bool(self.passages or self.figure)


def subject_of(question: str, requests: list[Request]) -> str:
    out, pos = [], 0
    for r in sorted(requests, key=lambda r: r.start):
        out.append(question[pos:r.start])
        pos = max(pos, r.end)
    out.append(question[pos:])
    return " ".join(out)


def _same(a: PassageHit, b: PassageHit) -> bool:
    """Two passages of one document, or the same text in two copies of a document (a PDF and its text)."""
    ta, tb = set(a.chunk["terms"]), set(b.chunk["terms"])
    return a.chunk["doc_id"] == b.chunk["doc_id"] or len(ta & tb) >= DUPLICATE * min(len(ta), len(tb))


def passes(hit: PassageHit, min_score: float | None = None, min_coverage: float | None = None) -> bool:
    min_score = MIN_SCORE if min_score is None else min_score
    min_coverage = MIN_COVERAGE if min_coverage is None else min_coverage
    return hit.anchored and hit.score >= min_score and hit.coverage >= min_coverage


def answer_requests(kb, question: str, requests: list[Request], pindex, min_score: float | None = None,
                    min_coverage: float | None = None, per_request: int = 2) -> list[RequestAnswer]:
    """One RequestAnswer per request (thresholds default to the module's MIN_SCORE and MIN_COVERAGE)."""
    subject = subject_of(question, requests)
    out = []
    for r in requests:
        hits = [h for h in pindex.search(kb, r.text, subject, k=5) if passes(h, min_score, min_coverage)]
        chosen = hits[:1]
        for h in hits[1:]:
            if len(chosen) >= per_request:
                break
            if h.score >= SECOND_PASSAGE * hits[0].score and not any(_same(h, c) for c in chosen):
                chosen.append(h)
        out.append(RequestAnswer(r, chosen, today_figure(kb, r.text, r.kind)))
    return out
