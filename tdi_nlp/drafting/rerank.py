"""A learned second stage over the first candidates of the drafting retrieval: which AN rubriques do they answer?

The first stage (index.py) ranks past question/answer pairs by fused BM25 / word-vector scores and boosts. Its first
``depth`` candidates are grouped by their AN rubrique, and each rubrique (those of the candidates, and the
classifier's likely ones, as training rows) gets features mixing the two views of the question:

- the rubrique classifier's probability for the question (as given, its log, the inverse of its rank),
- the share of the past questions put to the same ministry that have this rubrique, the log of its question count,
- how the first stage sees it: whether a candidate has it, the best candidate's score relative to the first, the
  inverse and log of its first rank, its count among the first 10 and the first ``depth``, its share of the softmax
  of the candidates' scores, the sum of relative score / rank, and the best of each normalized signal and of the
  boost among its candidates.

A logistic regression (standardized features) scores each rubrique as "the question's rubrique"; the first
``places`` sources are then the best-scored candidate of each of the best rubriques, in that order, and the others
follow in first-stage order; the first stage's best candidate keeps the first place (KEEP_FIRST), the second
stage filling the next ones with other rubriques. It replaces the IA-Select diversification (diversify.py) when its model is present.

The model (``resources/drafting/rerank.json``) is fitted by ``tdi-nlp eval drafting --fit-rerank`` on the
leave-one-out candidates of the tuning part of the AN questions only (the rubrique probabilities cross-fitted, so
never from a model that saw the question); the eval reports the tuning part cross-fitted by query and the held-out
quarter with the shipped model.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..config import RESOURCES_DIR

SIGNALS = ("bm25_question", "bm25_answer", "bm25_labels", "vector_question", "vector_answer", "boost")
FEATURES = ("prior", "log_prior", "inv_prior_rank", "ministry_share", "log_count",
            "has_candidate", "best_relative", "inv_first_rank", "log_first_rank", "count_top10", "count",
            "softmax_share", "relative_over_rank") + tuple(f"max_{s}" for s in SIGNALS)
MODEL_PATH = RESOURCES_DIR / "drafting" / "rerank.json"
VERSION = 1
DEPTH = 30  # first-stage candidates grouped by rubrique
PRIOR_TOP = 10  # the classifier's likely rubriques added as (training) rows
TEMPERATURE = 0.2  # of the softmax share
# the best-scored source keeps the first place (see order): with the first place free too, the tuning part gains
# more MRR (cross-fitted 0.711 against 0.692) but the past question asking the same thing is less often first
# (eval already-asked, rank<=1 recall 0.468 -> 0.426, MRR of the positives 0.636 -> 0.566)
KEEP_FIRST = True
NO_RANK = 100  # the prior rank of a rubrique the classifier does not list


@dataclass
class Candidates:
    """The first stage's view of one query: its first candidates (best first) and what the features need."""
    rubriques: list[str | None]  # lower-cased rubrique of each candidate (None: a group of its own)
    scores: list[float]  # fused score + boosts
    signals: list[dict[str, float]]  # normalized signals and "boost" of each candidate
    prior: dict[str, float]  # rubrique (lower-cased) -> classifier probability for the query
    counts: dict[str, int]  # rubrique -> number of past questions (the query left out)
    ministry_share: dict[str, float]  # rubrique -> share of the past questions put to the query's ministry


def features(c: Candidates, depth: int = DEPTH, prior_top: int = PRIOR_TOP,
             temperature: float = TEMPERATURE) -> tuple[list[str], np.ndarray, list[int | None]]:
    """(rubriques, feature matrix, index of each rubrique's best candidate or None) of one query.

    Rows: the rubriques of the first ``depth`` candidates, then the ``prior_top`` likeliest of the classifier that
    some past question has (those have no candidate: training rows only)."""
    n = min(depth, len(c.scores))
    top = c.scores[0] if n and c.scores[0] > 0 else 1.0
    groups: dict[str, dict] = {}
    for k in range(n):
        r = c.rubriques[k] or f"\0{k}"  # a candidate without a rubrique is a group of its own
        rel = c.scores[k] / top
        g = groups.get(r)
        if g is None:
            g = groups[r] = {"first": k + 1, "best": rel, "at": k, "top10": 0, "count": 0, "mass": 0.0, "sum": 0.0,
                             "sig": dict.fromkeys(SIGNALS, 0.0)}
        g["top10"] += k < 10
        g["count"] += 1
        g["mass"] += math.exp((c.scores[k] - c.scores[0]) / temperature)
        g["sum"] += rel / (k + 1)
        for s in SIGNALS:
            g["sig"][s] = max(g["sig"][s], float(c.signals[k].get(s, 0.0)))
    total = sum(g["mass"] for g in groups.values()) or 1.0
    ranked = sorted(c.prior, key=lambda r: -c.prior[r])
    prank = {r: k + 1 for k, r in enumerate(ranked)}
    names = list(groups) + [r for r in ranked[:prior_top] if r not in groups and c.counts.get(r, 0) > 0]
    rows, at = [], []
    for r in names:
        p = float(c.prior.get(r, 0.0))
        row = [p, math.log(p + 1e-4), 1.0 / prank.get(r, NO_RANK), float(c.ministry_share.get(r, 0.0)),
               math.log(max(c.counts.get(r, 0), 1))]
        g = groups.get(r)
        if g:
            row += [1.0, g["best"], 1.0 / g["first"], math.log(g["first"]), g["top10"], g["count"], g["mass"] / total,
                    g["sum"]] + [g["sig"][s] for s in SIGNALS]
        else:
            row += [0.0, 0.0, 0.0, math.log(depth + 1), 0, 0, 0.0, 0.0] + [0.0] * len(SIGNALS)
        rows.append(row)
        at.append(g["at"] if g else None)
    return names, np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES)), at


@dataclass
class Model:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    depth: int = DEPTH
    prior_top: int = PRIOR_TOP
    temperature: float = TEMPERATURE
    info: dict | None = None

    def decision(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.coef + self.intercept

    def to_json(self) -> dict:
        return {"version": VERSION, "features": list(FEATURES), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(), "intercept": self.intercept,
                "depth": self.depth, "prior_top": self.prior_top, "temperature": self.temperature,
                "info": self.info or {}}

    @classmethod
    def from_json(cls, d: dict) -> "Model | None":
        if d.get("version") != VERSION or d.get("features") != list(FEATURES):
            return None
        return cls(np.asarray(d["mean"]), np.asarray(d["scale"]), np.asarray(d["coef"]), float(d["intercept"]),
                   int(d["depth"]), int(d["prior_top"]), float(d["temperature"]), d.get("info"))


def fit(X: np.ndarray, y: np.ndarray, C: float = 0.1, info: dict | None = None) -> Model:
    """A logistic regression over standardized features (rows: one rubrique of one query; y: 1 for its rubrique)."""
    from sklearn.linear_model import LogisticRegression
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    return Model(mean, scale, lr.coef_.ravel(), float(lr.intercept_[0]), info=info)


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model of resources/drafting/rerank.json, or None when absent or of another feature set."""
    if not MODEL_PATH.is_file():
        return None
    return Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def order(model: Model, c: Candidates, places: int, keep_first: bool | None = None) -> list[int]:
    """A re-ordering of range(len(c.scores)): the best candidate of each of the ``places`` best-scored rubriques
    (candidates' rubriques only), in that order, then the other candidates in first-stage order. ``keep_first``:
    the first stage's first candidate keeps the first place and the other places go to the best-scored rubriques
    other than its own."""
    n = len(c.scores)
    if n < 2 or places < 1:
        return list(range(n))
    names, X, at = features(c, model.depth, model.prior_top, model.temperature)
    if not len(names):
        return list(range(n))
    s = model.decision(X)
    placed = {j: a for j, a in enumerate(at) if a is not None}
    cand = sorted(placed, key=lambda j: (-s[j], placed[j]))
    if KEEP_FIRST if keep_first is None else keep_first:
        picked = [0] + [placed[j] for j in cand if placed[j] != 0][:places - 1]
    else:
        picked = [placed[j] for j in cand[:places]]
    chosen = set(picked)
    return picked + [i for i in range(n) if i not in chosen]
