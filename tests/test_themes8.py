"""Question themes, model 2.8 work (issue 12): thresholds chosen on the questions no rule decides, and the repeated
CV of both paths. Sentences and scores written for these tests."""
from __future__ import annotations

import numpy as np

from tdi_nlp.eval import themes as ev
from tdi_nlp.themes import request_model as rm


def test_undecided_cuts_leave_rule_scores_out_of_the_search():
    # one label: eight questions a rule decides (score 1, right), one vetoed (0); the model's scores lie between
    y = np.array([[1]] * 8 + [[1], [1], [1], [0], [0], [0]])
    oof = np.array([[1.0]] * 8 + [[0.0], [0.40], [0.20], [0.22], [0.21], [0.05]])
    every = rm.choose_thresholds(y, oof, undecided=0.0)
    kept = rm.choose_thresholds(y, oof, undecided=1.0)
    keep = (oof[:, 0] > 0) & (oof[:, 0] < 1)
    assert kept == rm.best_thresholds(y[keep], oof[keep])
    assert kept[0] <= 0.20 < every[0]  # the rule hits make the low cut's false positives cost more than its hit
    assert rm.choose_thresholds(y, oof, floor=0.4, undecided=1.0) == [0.4]


def _questions() -> list[rm.Question]:
    texts = ["Quand le guichet unique ouvrira-t-il ?", "Quel budget l'État consacre-t-il aux ateliers ?",
             "Pouvez-vous nous dire le montant de la dotation ?", "Comment tolérer un tel abandon ?"] * 4
    labels = [["calendrier"], ["financement"], ["financement"], []] * 4
    return [rm.Question(t, lab, [(x, 0, len(t)) for x in lab], f"doc{i}")
            for i, (t, lab) in enumerate(zip(texts, labels))]


def test_recut_equals_training_with_the_other_choice():
    qs, kw = _questions(), dict(folds=2, syn_weight=0.0, gate="", e5=0.0)
    model = rm.train(qs, keep_oof=True, **kw)
    assert model["oof"][1].shape == (len(qs), len(rm.LABELS))
    other = rm.train(qs, undecided=1.0, **kw)["thresholds"]
    assert rm.choose_thresholds(*model["oof"], undecided=1.0) == [other[c] for c in rm.LABELS]
    assert "oof" not in rm.train(qs, **kw) and "text" not in rm.train_shipped(qs, **kw)  # e5=0: one path


def test_repeated_cv_scores_each_path_with_both_cuts():
    qs = _questions()
    res = ev.repeated_cv(qs, {"syn_weight": 0.0, "gate": "", "e5": 0.0}, folds=2, inner=2, shuffles=2)
    assert set(res) == {("E5", "own"), ("E5", "other")}  # e5=0: the main path is the only one
    y = rm.binarize([q.labels for q in qs])
    mi, ma, each, per_label = ev.cv_summary(y, res[("E5", "own")])
    assert len(each) == 2 and mi == np.mean(each) and len(per_label) == len(rm.LABELS)
