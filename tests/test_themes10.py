"""Question themes, model 2.9 (issue 12): "pour tous" in the for_all family only after a scheme or benefit word,
the left_out and assessment families (themes/rules.toml), and the optional question-level second stage (request_model ``stack``,
measured and not adopted). Sentences and scores written for these tests (GUIDE.md "Model 2.9")."""
from __future__ import annotations

import numpy as np

from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes import rules


def _adds(text: str, family: str) -> set[str]:
    return rules.hits(text, (family,))[0]


def test_for_all_needs_a_scheme_before_pour_tous():
    assert _adds("Allez-vous rendre la cantine gratuite, avec une gratuité pour tous les écoliers ?",
                 "for_all") == {"eligibilite"}
    assert _adds("Nous demandons une baisse des tarifs des péages pour tous.", "for_all") == {"eligibilite"}
    assert _adds("Quand allez-vous bâtir une école de la réussite pour tous ?", "for_all") == set()
    assert _adds("Comment organiser des stages de secourisme pour tous les collégiens ?", "for_all") == set()


def test_left_out_asks_eligibility():
    for text in ("Comment soutenir les pêcheurs sans laisser les plus petits sur le bord du chemin ?",
                 "Qu'allez-vous faire pour les laissés-pour-compte de la prime ?",
                 "Les crèches seront-elles protégées au même titre que les hôpitaux ?",
                 "Les coopératives seront-elles incluses dans le dispositif ?",
                 "Allez-vous ouvrir à tous les commerçants le fonds de solidarité ?",
                 "Ce service sera-t-il accessible à tous les habitants du département ?"):
        assert _adds(text, "left_out") == {"eligibilite"}, text
    assert _adds("Quel est le calendrier du chantier de la route ?", "left_out") == set()
    assert _adds("Quand le dispositif sera-t-il mis en place ?", "left_out") == set()


def test_assessment_asks_results():
    for text in ("Pouvez-vous dresser le bilan du plan vélo ?", "Le fonds a-t-il permis de créer des emplois ?",
                 "Comment la réforme n'a-t-elle pas permis d'enrayer la hausse des loyers ?",
                 "Dans quelle mesure cette aide permettra-t-elle de relancer le fret ?"):
        assert _adds(text, "assessment") == {"bilan"}, text
    assert _adds("Quand le plan sera-t-il présenté ?", "assessment") == set()
    assert _adds("Le permis de construire sera-t-il délivré ?", "assessment") == set()


def test_model_uses_the_left_out_and_assessment_families():
    assert {"for_all", "left_out", "assessment"} <= set(rm.RULE_FAMILIES)


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
    kw = dict(folds=2, syn_weight=0.0, gate="", e5=0.0, question=0.0)  # the 2.9 second stage alone (2.10 adds the question model)
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


def test_e5_cache_path_gets_the_suffix_numpy_writes(monkeypatch, tmp_path):
    monkeypatch.setattr(rm, "_CACHE", {("query", "x"): np.zeros(2, dtype=np.float32)})  # loaded: no read
    monkeypatch.setenv("TDI_NLP_E5_CACHE", str(tmp_path / "vectors"))
    assert rm._disk_cache() == str(tmp_path / "vectors.npz")
    monkeypatch.setenv("TDI_NLP_E5_CACHE", str(tmp_path / "v.npz"))
    assert rm._disk_cache() == str(tmp_path / "v.npz")
