"""The learned second stage of the drafting retrieval (drafting/rerank.py): features, ordering, storage, fitting."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tdi_nlp.drafting import rerank


def _cands(rubriques, scores, prior=None, counts=None, share=None):
    sig = [{"bm25_question": s, "boost": 0.0} for s in scores]
    counts = counts if counts is not None else {r: 3 for r in rubriques if r}
    return rerank.Candidates(list(rubriques), list(scores), sig, prior or {}, counts, share or {})


def _prior_only_model() -> rerank.Model:
    """A hand-made model that scores a rubrique by the classifier's probability alone."""
    n = len(rerank.FEATURES)
    coef = np.zeros(n)
    coef[rerank.FEATURES.index("prior")] = 1.0
    return rerank.Model(np.zeros(n), np.ones(n), coef, 0.0)


def test_features_group_candidates_by_rubrique_and_add_the_likely_ones():
    c = _cands(["santé", "santé", "emploi", None], [1.0, 0.9, 0.8, 0.7],
               prior={"emploi": 0.5, "santé": 0.3, "logement": 0.1, "jamais vue": 0.1},
               counts={"santé": 4, "emploi": 2, "logement": 1})
    names, X, at = rerank.features(c)
    f = {n: dict(zip(rerank.FEATURES, row)) for n, row in zip(names, X)}
    assert X.shape == (len(names), len(rerank.FEATURES))
    # the candidates' rubriques (a candidate without one is a group of its own), then the classifier's likely
    # rubriques some past question has ("jamais vue" has none: no row)
    assert names[:2] == ["santé", "emploi"] and names[2].startswith("\0") and names[3:] == ["logement"]
    assert at == [0, 2, 3, None]
    assert f["santé"]["count"] == 2 and f["santé"]["inv_first_rank"] == 1.0 and f["emploi"]["best_relative"] == 0.8
    assert f["emploi"]["inv_prior_rank"] == 1.0 and f["logement"]["has_candidate"] == 0.0
    assert f["santé"]["softmax_share"] > f["emploi"]["softmax_share"]


def test_order_puts_the_best_candidate_of_each_best_rubrique_first_then_the_first_stage_order():
    c = _cands(["santé", "santé", "santé", "emploi", "logement"], [1.0, 0.95, 0.9, 0.6, 0.5],
               prior={"emploi": 0.6, "logement": 0.3, "santé": 0.1})
    order = rerank.order(_prior_only_model(), c, 3, keep_first=False)
    assert order == [3, 4, 0, 1, 2]
    assert rerank.order(_prior_only_model(), c, 1, keep_first=False) == [3, 0, 1, 2, 4]
    assert sorted(rerank.order(_prior_only_model(), c, 2)) == list(range(5))
    # the first stage's best keeps the first place; the next go to the best rubriques other than its own
    assert rerank.order(_prior_only_model(), c, 3, keep_first=True) == [0, 3, 4, 1, 2]
    assert rerank.order(_prior_only_model(), c, 3) == [0, 3, 4, 1, 2]  # the default (KEEP_FIRST)
    assert rerank.order(_prior_only_model(), _cands(["x"], [1.0]), 3) == [0]


def test_fit_learns_from_the_rows_and_round_trips_through_json(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, len(rerank.FEATURES)))
    y = (X[:, 0] > 0.5).astype(float)
    model = rerank.fit(X, y, C=1.0, info={"note": "test"})
    s = model.decision(X)
    assert s[y == 1].mean() > s[y == 0].mean()
    back = rerank.Model.from_json(json.loads(json.dumps(model.to_json())))
    assert back is not None and np.allclose(back.decision(X), s) and back.info == {"note": "test"}
    other = model.to_json()
    other["features"] = other["features"][:-1]
    assert rerank.Model.from_json(other) is None  # a model of another feature set is refused


def test_shipped_model_matches_the_features():
    model = rerank.shipped()
    if model is None:
        pytest.skip("no resources/drafting/rerank.json")
    assert len(model.coef) == len(rerank.FEATURES) and model.depth >= 3
    # the classifier's probability counts for a rubrique
    assert model.coef[rerank.FEATURES.index("prior")] + model.coef[rerank.FEATURES.index("log_prior")] > 0


def test_eval_cross_fit_ranks_every_query_of_the_part():
    from tdi_nlp.eval import drafting as ev
    rubs = ["a", "b", "c"]
    cands, gold, plain = [], [], []
    for q in range(30):
        g = rubs[q % 3]
        order = [g] + [r for r in rubs if r != g] if q % 2 else [r for r in rubs if r != g] + [g]
        cands.append(_cands(order, [1.0, 0.9, 0.8], prior={g: 0.8, **{r: 0.1 for r in rubs if r != g}}))
        gold.append(g)
        plain.append(order)
    ranks = ev.rerank_cross_fit(cands, gold, plain, list(range(30)), keep_first=False)
    assert len(ranks) == 30 and all(r == 1 for r in ranks)  # the prior tells, and the model learns it
