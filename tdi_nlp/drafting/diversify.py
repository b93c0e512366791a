"""Intent-aware diversification of the best sources (IA-Select, Agrawal et al., WSDM 2009).

A new question may be read several ways ("santé" or "établissements de santé", "chômage" or "emploi"); when the best
candidates all answer one reading, the draft would miss the others. IA-Select fills the first k places greedily:
each candidate is worth sum over readings c of U(c) * V(d | c), where U(c) is how likely reading c still is
unanswered and V(d | c) how good d is if it belongs to c (confidence * its score relative to the best, to the power
gamma; confidence < 1, so one source never settles a reading for sure); after a pick, U of its reading is multiplied
by (1 - V). Readings are the AN rubriques of the past questions; U starts as a mix of the
rubrique classifier's probabilities for the question and the share of the retrieval score each rubrique holds among
the best candidates. The best-scored source always keeps the first place; the diversification fills the next ones.
A candidate without a rubrique is a reading of its own.

Since round 10 (issue 13) the learned second stage of rerank.py fills the first places instead when its model
(resources/drafting/rerank.json) is present (``Weights.rerank``); this is the fallback and the eval's comparison.
"""
from __future__ import annotations

import math
from collections.abc import Sequence


def reading_weights(scores: list[float], readings: Sequence[str | None], prior: dict[str, float] | None,
                    alpha: float, temperature: float) -> dict[str, float]:
    """U(c): alpha * prior + (1 - alpha) * softmax share of the candidates' scores held by c."""
    top = max(scores)
    mass: dict[str, float] = {}
    for s, c in zip(scores, readings):
        if c:
            mass[c] = mass.get(c, 0.0) + math.exp((s - top) / temperature)
    total = sum(mass.values()) or 1.0
    prior = prior or {}
    if not prior:
        alpha = 0.0
    return {c: alpha * prior.get(c, 0.0) + (1 - alpha) * mass.get(c, 0.0) / total for c in set(mass) | set(prior)}


def ia_select(scores: list[float], readings: list[str | None], k: int, prior: dict[str, float] | None = None,
              alpha: float = 0.3, gamma: float = 2.0, temperature: float = 0.2, confidence: float = 0.9) -> list[int]:
    """A re-ordering of range(len(scores)) (scores best first) whose first k places cover the likely readings."""
    n = len(scores)
    if n < 2 or k < 2 or scores[0] <= 0:
        return list(range(n))
    keys = [r if r else f"\0{i}" for i, r in enumerate(readings)]  # a reading of its own when none
    U = reading_weights(scores, keys, prior, alpha, temperature)
    V = [confidence * min(max(s / scores[0], 0.0), 1.0) ** gamma for s in scores]
    chosen, rest = [0], list(range(1, n))
    U[keys[0]] *= 1 - V[0]
    while rest and len(chosen) < k:
        best = max(rest, key=lambda i: (U.get(keys[i], 0.0) * V[i], V[i], -i))
        chosen.append(best)
        rest.remove(best)
        U[keys[best]] = U.get(keys[best], 0.0) * (1 - V[best])
    return chosen + rest
