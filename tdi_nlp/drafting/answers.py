"""One answer block per request of the question: the best passages of the KB, today's figure, or "nothing found".

The subject of the question (its text without the request clauses) weighs the passage ranking less than the clause
itself (passages.py), as much when the clause ends on a generic noun that refers back to it ("la durée du
dispositif"). A request is answered when its best passage is anchored (the clause's years and proper names,
except a year after "depuis", occur in the passage), holds a figure of the kind a count, amount or share request
asks, and passes MIN_SCORE and MIN_COVERAGE (chosen on the tuning half of tests/data/eval/draft_requests.jsonl, see
eval/requests.py), or when the KB's timeline knows its figure. A clause that refers back to a territory of the
question ("le nombre de contrats signés dans la région" of a question on the Hauts-de-France) is anchored on it too.
A request for today's value ("à ce jour", "actuellement") takes, of the first passing passages holding its figure
and scoring nearly as well as the best (LATEST), the most recent. The parts of one question are mostly answered by
one past answer: a request whose best passage comes from a document
answering none of the other requests takes a passage of one that does when it scores nearly as well (COHERENT).
A figure is answered only from a document holding some of the words of the question's topic (topic_of: "attire
l'attention de ... sur X"; passages.TOPIC_SHARE).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..figures import today_figure
from .passages import PassageHit, Weights, anchors
from .requests import Request

MIN_SCORE = 0.3  # chosen on the tuning half (eval draft-requests --tune, passage ranking of issue 13): 39/42 right there
MIN_COVERAGE = 0.3
SECOND_PASSAGE = 0.9  # a second passage when it scores this share of the best one
ANCHOR_IN_PASSAGE = True  # the clause's years and proper names must occur in the passage, not only its document
REQUIRE_FIGURE = True  # a count, amount or share request is answered only by a passage holding such a figure
DUPLICATE = 0.6  # share of shared terms that makes two passages one text
RANKED = 10  # passages ranked per request, the first FIRST_RANKS of them candidates on their own
FIRST_RANKS = 5
COHERENT = 0.9  # a passage of a document answering another request of the question, against the best one
LATEST = 0.75  # a request for today's value ("à ce jour") takes the most recent passing passage scoring this share

# "le nombre de maisons France Services ouvertes à ce jour": the latest value is asked
_TODAY = re.compile(r"\b(?:à\s+ce\s+jour|à\s+l['’]heure\s+actuelle|actuellement|aujourd['’]hui)\b", re.I)


# "dans la région", "du département", "sur ce territoire": a territory named elsewhere in the question, of these
# kinds (territory ids are "kind:code"); not when a name follows ("dans la région Grand Est")
_BACK_REFERENCE = re.compile(r"(?:\b(?:dans|de|du|en|pour|sur|à|au)\s+(?:(?:la|le|cette|ce|cet)\s+|l')(région|"
                             r"département|commune|ville|intercommunalité|agglomération|métropole)|\b(?:ce|ces|cet)\s+"
                             r"(territoires?))\b(?!\s+(?:de\s+|d')?[A-ZÉÈ])", re.I)
_BACK_KINDS = {"région": ("region",), "département": ("department",), "commune": ("commune",),
               "ville": ("commune",), "intercommunalité": ("epci",), "agglomération": ("epci",),
               "métropole": ("epci",)}


def places_of(clause: str, places: Mapping[str, set[str]]) -> list[tuple[str, ...]]:
    """The territories a clause refers back to, each as the names it may be written with (places: territory id ->
    names, the question's); [] when it refers to none or the question names none of that kind."""
    out = []
    for m in _BACK_REFERENCE.finditer(clause.replace("\u2019", "'")):
        kinds = _BACK_KINDS.get((m.group(1) or "").lower())  # "ce territoire": any kind
        names = sorted({n for tid, ns in places.items() if kinds is None or tid.split(":")[0] in kinds for n in ns})
        if names:
            out.append(tuple(names))
    return out


# "la durée du dispositif", "à chaque structure", "ces projets": a clause ending on a generic noun after a definite or
# demonstrative determiner names its object by the question's subject
_ANAPHORA = re.compile(r"\b(?:du|de\s+ce|de\s+cette|ce|cet|cette|ces|chaque|de\s+ces|le|la|les)\s+(?:même\s+)?"
                       r"(?:dispositifs?|programmes?|plans?|mesures?|structures?|projets?|plateformes?|sites?|"
                       r"fonds|aides?|réformes?|textes?)\W*$", re.I)
ANAPHORIC_SUBJECT = 1.0  # the subject's weight then (else Weights.subject)


def refers_back(clause: str) -> bool:
    """Whether a clause names its object only by a generic noun that refers to the question's subject."""
    return _ANAPHORA.search(clause.replace("\u2019", "'")) is not None


@dataclass
class RequestAnswer:
    request: Request
    passages: list[PassageHit] = field(default_factory=list)
    figure: dict | None = None

    @property
    def found(self) -> bool:
        return bool(self.passages or self.figure)


# "M. X attire l'attention de Mme la ministre ... sur les incendies qui ont frappé le Jura." -> what follows "sur"
_TOPIC = re.compile(r"\b(?:(?:attire|appelle)\s+l['’]attention|interroge)\s+[^;?]{0,200}?\s+sur\s+([^.;?]+)",
                    re.I)


def topic_of(question: str) -> str:
    """What a written question is about, from its opening ("attire l'attention de ... sur X"); "" when it has none."""
    m = _TOPIC.search(question)
    return m.group(1).strip() if m else ""


def subject_of(question: str, requests: list[Request]) -> str:
    out, pos = [], 0
    for r in sorted(requests, key=lambda r: r.start):
        out.append(question[pos:r.start])
        pos = max(pos, r.end)
    out.append(question[pos:])
    return " ".join(out)


def _copy(a: PassageHit, b: PassageHit) -> bool:
    """The same text twice (a PDF and its text, a paragraph repeated)."""
    ta, tb = set(a.chunk["terms"]), set(b.chunk["terms"])
    return len(ta & tb) >= DUPLICATE * max(min(len(ta), len(tb)), 1)


def passes(hit: PassageHit, min_score: float | None = None, min_coverage: float | None = None) -> bool:
    """An anchored passage above both thresholds that holds a figure of the kind asked, when a figure is asked."""
    min_score = MIN_SCORE if min_score is None else min_score
    min_coverage = MIN_COVERAGE if min_coverage is None else min_coverage
    if REQUIRE_FIGURE and hit.has_figure is False or ANCHOR_IN_PASSAGE and not hit.anchored_here:
        return False
    if not hit.on_topic:
        return False
    return hit.anchored and hit.score >= min_score and hit.coverage >= min_coverage


def answer_requests(kb, question: str, requests: list[Request], pindex, min_score: float | None = None,
                    min_coverage: float | None = None, per_request: int = 2,
                    places: Mapping[str, set[str]] | None = None) -> list[RequestAnswer]:
    """One RequestAnswer per request (thresholds default to the module's MIN_SCORE and MIN_COVERAGE); places: the
    question's territories (id -> names), for the clauses that refer back to one."""
    subject = subject_of(question, requests)
    topic = topic_of(question)
    backs: list[Sequence[Sequence[str]]] = []
    rankings: list[list[PassageHit]] = []
    for r in requests:
        backs.append(places_of(r.text, places or {}))
        weights = Weights(subject=ANAPHORIC_SUBJECT) if refers_back(r.text) else None
        rankings.append(pindex.search(kb, r.text, subject, k=RANKED, weights=weights, kind=r.kind,
                                      places=backs[-1], topic=topic))
    for ranked in rankings:
        for n, h in enumerate(ranked):
            h.rank = n
    passing = [[h for h in ranked if passes(h, min_score, min_coverage)] for ranked in rankings]
    firsts = [_coherent(i, passing) for i in range(len(requests))]
    firsts = [_latest(f, hits) if f is not None and _TODAY.search(r.text) else f
              for r, f, hits in zip(requests, firsts, passing)]
    out = []
    for r, back, ranked, first in zip(requests, backs, rankings, firsts):
        chosen = [first] if first is not None else []
        # a second passage close to the best (the same answer may go on in the next paragraph): anchored, holding
        # the figure asked, not a copy of the first
        for h in ranked[:FIRST_RANKS]:
            if not chosen or len(chosen) >= per_request:
                break
            if h is chosen[0] or not h.anchored_here or h.has_figure is False:
                continue
            if h.score >= SECOND_PASSAGE * chosen[0].score and not any(_copy(h, c) for c in chosen):
                chosen.append(h)
        fig = today_figure(kb, r.text, r.kind, [(a,) for a in anchors(r.text)] + list(back),
                           near_docs={h.chunk["doc_id"] for h in chosen})
        out.append(RequestAnswer(r, chosen, fig))
    return out


def _latest(first: PassageHit, passing: list[PassageHit]) -> PassageHit:
    """For a request asking today's value: of the first ranked passing passages holding the figure asked and scoring
    at least LATEST of the first, the one of the most recent date (the first when none is more recent)."""
    if not first.has_figure:
        return first
    near = [h for h in passing if h.rank < FIRST_RANKS and h.has_figure and h.score >= LATEST * first.score]
    return max(near, key=lambda h: (h.chunk.get("date") or "", h is first), default=first)


def _coherent(i: int, passing: list[list[PassageHit]]) -> PassageHit | None:
    """The first passage for request i: its best passing one among the first ranked, or, when that one's document
    answers none of the other requests, a passing one further down of a document that does, scoring at least
    COHERENT of the best (the parts of one question are mostly answered by one past answer)."""
    first = [h for h in passing[i] if h.rank < FIRST_RANKS]
    if not first:
        return None
    best = first[0]
    others = {h.chunk["doc_id"] for j, hits in enumerate(passing) if j != i
              for h in [next((h for h in hits if h.rank < FIRST_RANKS), None)] if h is not None}
    if best.chunk["doc_id"] in others:
        return best
    for h in passing[i]:
        if h.chunk["doc_id"] in others and h.score >= COHERENT * best.score:
            return h
    return best
