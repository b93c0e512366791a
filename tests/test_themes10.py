"""Question themes, round 9 work (issue 12): the optional question-level second stage (request_model ``stack``),
measured and not adopted (GUIDE.md "Measured after 2.8"). Sentences and scores written for these tests."""
from __future__ import annotations

import numpy as np

from tdi_nlp.themes import request_model as rm


def test_question_features_per_label_best_mean_rule_and_count():
    # two clauses for question 0 (the second one a rule addition on financement), none for question 1
    proba = np.zeros((2, len(rm.LABELS)))
    proba[0, 0], proba[1, 0] = 0.6, 0.2
    proba[1, rm.LABELS.index("financement")] = 1.0
    feats = rm.question_features(proba, np.array([0, 0]), 2)
    k = len(rm.LABELS)
    assert feats.shape == (2, 3 * k + 1)
    assert feats[0, 0] == 0.6 and np.isclose(feats[0, k], 0.4)
    assert feats[0, 2 * k + rm.LABELS.index("financement")] == 1.0 and feats[0, 2 * k] == 0.0
    assert np.isclose(feats[0, -1], np.log(3)) and not feats[1].any()


def _questions() -> list[rm.Question]:
    texts = ["Quand le guichet unique ouvrira-t-il ?", "Quel budget l'État consacre-t-il aux ateliers ?",
             "Pouvez-vous nous dire le montant de la dotation ?", "Comment tolérer un tel abandon ?"] * 4
    labels = [["calendrier"], ["financement"], ["financement"], []] * 4
    return [rm.Question(t, lab, [(x, 0, len(t)) for x in lab], f"doc{i}")
            for i, (t, lab) in enumerate(zip(texts, labels))]


def test_stacked_model_scores_questions_with_its_second_stage():
    kw = dict(folds=2, syn_weight=0.0, gate="", e5=0.0)
    plain, stacked = rm.train(_questions(), **kw), rm.train(_questions(), stack=1.0, **kw)
    assert plain["stacker"] is None and stacked["stacker"]["keep_rules"]
    proba = np.full((1, len(rm.LABELS)), 0.3)
    proba[0, rm.LABELS.index("financement")] = 1.0  # a rule addition stays 1 through the second stage
    scores = rm.stacked_scores(stacked, proba, np.array([0]), 2)
    assert scores[0, rm.LABELS.index("financement")] == 1.0 and 0.0 < scores[0, 0] < 1.0
    assert not scores[1].any()  # a question with no request clause gets no theme
    assert np.array_equal(rm.stacked_scores(plain, proba, np.array([0]), 2), rm.question_max(proba, np.array([0]), 2))
    got = rm.predict(stacked, "Pouvez-vous nous dire le montant de la dotation ?")
    assert got[0][0] == "financement" and got[0][1] == max(score for _, score, _ in got)
    assert rm.predict(stacked, "Rien à signaler.") == []


def test_second_stage_is_off_in_the_shipped_settings():
    assert rm.STACK == 0.0
