"""Rubrique model 1.5: late fusion of the TF-IDF, kNN and E5 parts, side rows, settings and thresholds, the shipped model."""
from __future__ import annotations

import json

import numpy as np
import pytest
import sklearn

from tdi_nlp.config import settings
from tdi_nlp.themes import classifier
from tdi_nlp.themes import rubrique as rub

MODELS = settings.models_dir
needs_model = pytest.mark.skipif(not (MODELS / "themes-rubrique.joblib").is_file(),
                                 reason="rubrique model absent: run `tdi-nlp train`")

WORDS = {"santé": "hôpital urgences médecins", "industrie": "usine emplois salariés", "transports": "train gare ligne"}
MINISTRIES = {"santé": "Santé et prévention", "industrie": "Industrie", "transports": "Transports"}


def _toy(n=60, seed=0):
    rng = np.random.default_rng(seed)
    labels = list(WORDS)
    centers = rng.normal(size=(3, 384))
    pairs, y, vecs = [], [], []
    for k in range(n):
        c = labels[k % 3]
        v = centers[k % 3] + 0.8 * rng.normal(size=384)
        pairs.append((f"question {k} sur {WORDS[c]}", MINISTRIES[c] if k % 2 else ""))
        y.append(c)
        vecs.append(v / np.linalg.norm(v))
    return pairs, y, np.array(vecs, dtype=np.float32)


def test_fusion_uses_every_part_and_sums_to_one():
    pairs, y, vecs = _toy()
    model = rub.fit(pairs[:45], y[:45], vecs[:45])
    assert set(model) == {"pipeline", "text_pipeline", "neighbours", "e5", "names"}
    assert list(model["e5"].classes_) == list(model["pipeline"].classes_)
    assert model["names"].shape == (3, 384)
    for given in (True, False):
        for v in (None, vecs[45:]):
            p = rub.suggestion_proba(model, pairs[45:], given, v)
            assert p.shape == (15, 3) and np.allclose(p.sum(axis=1), 1.0)
            assert np.mean(model["pipeline"].classes_[p.argmax(axis=1)] == np.array(y[45:])) >= 0.9
    # the E5 part changes the scores; a model without it ignores vectors
    with_e5 = rub.suggestion_proba(model, pairs[45:], True, vecs[45:])
    assert not np.allclose(with_e5, rub.suggestion_proba(model, pairs[45:], True))
    plain = rub.fit(pairs[:45], y[:45])
    assert np.allclose(rub.suggestion_proba(plain, pairs[45:], True, vecs[45:]),
                       rub.suggestion_proba(plain, pairs[45:], True))


def test_inferred_setting_without_an_addressee_leaves_the_ministry_model_out():
    pairs, y, vecs = _toy()
    model = rub.fit(pairs, y, vecs)
    text = [(pairs[0][0], "")]
    wm, wt, we, wn, wk = rub.WEIGHTS["inferred+e5"]
    expected = (wt * rub.probabilities(model["text_pipeline"], text) + we * model["e5"].predict_proba(vecs[:1])
                + wn * rub._names_proba(model, vecs[:1]) + wk * rub._neighbours_proba(model, [text[0][0]], 3)
                ) / (wt + we + wn + wk)
    assert np.allclose(rub.suggestion_proba(model, text, False, vecs[:1]), expected)


def test_settings_and_weights():
    assert rub.setting(True, None) == "given" and rub.setting(False, np.zeros((1, 384))) == "inferred+e5"
    assert rub.setting(True, np.zeros((1, 384)), {"pipeline": None}) == "given"  # no E5 part: TF-IDF only
    assert all(abs(sum(w) - 1.0) < 1e-9 for w in rub.WEIGHTS.values())
    assert rub.WEIGHTS["given"][2:4] == rub.WEIGHTS["inferred"][2:4] == (0.0, 0.0)  # without vectors, no E5 weight
    assert all(w[4] > 0 for w in rub.WEIGHTS.values())  # the kNN part needs no vector


def test_neighbours_part_follows_the_nearest_past_questions_and_titles():
    pairs = [("usine fermeture salariés", "Industrie"), ("hôpital urgences", "Santé"), ("gare ligne train", "")]
    labels = ["industrie", "santé", "transports"]
    side = rub.Side(["", "", "Desserte ferroviaire de Mende"], ["", "", ""])
    model = {"neighbours": rub.fit_neighbours(pairs, labels, side)}
    assert model["neighbours"]["matrix"].shape[0] == 4 and list(model["neighbours"]["labels"]) == [0, 1, 2, 2]
    p = rub._neighbours_proba(model, ["La desserte ferroviaire de Mende", "Les urgences de l'hôpital", "rien"], 3)
    assert np.allclose(p.sum(axis=1), 1.0) and list(p[:2].argmax(axis=1)) == [2, 1]
    assert np.allclose(p[2], [0.25, 0.25, 0.5])  # no word in common: every row counts alike


def test_rubrique_names_help_where_the_question_says_the_name():
    from tdi_nlp import encoder
    model = {"names": np.vstack(list(rub.name_vectors(["santé", "transports", "industrie"]).values()))}
    q = encoder.embed_passages(["Les hôpitaux et la santé des Français : que fait le Gouvernement ?"])
    p = rub._names_proba(model, q)
    assert np.isclose(p.sum(), 1.0) and p.argmax() == 1  # names sorted: industrie, santé, transports


def test_thresholds_per_setting_from_out_of_fold_predictions():
    pairs, y, vecs = _toy(90)
    records = [{"id": str(k), "text": t, "minister": m, "rubrique": lab, "date": "2022-10-12"}
               for k, ((t, m), lab) in enumerate(zip(pairs, y))]
    out = rub.thresholds(records, vectors=vecs)
    assert set(out) == {"given", "inferred", "given+e5", "inferred+e5"}
    assert all(0.0 < t <= 1.0 for t in out.values())
    assert set(rub.thresholds(records)) == {"given", "inferred"}


def test_batch_proba_and_cross_fit_for_drafting():
    pairs, y, vecs = _toy(60)
    texts, ministries = [t for t, _ in pairs], [m for _, m in pairs]
    model = rub.fit(pairs, y, vecs)
    p = rub.batch_proba(model, texts[:5], ministries[:5], vecs[:5])
    assert p.shape == (5, 3) and np.allclose(p.sum(axis=1), 1.0) and list(rub.classes(model)) == sorted(set(y))
    assert np.allclose(p, rub.suggestion_proba(model, pairs[:5], True, vecs[:5]))
    assert rub.batch_proba(model, []).shape == (0, 3)
    oof, classes = rub.cross_fit(texts, y, ministries, vecs, folds=5)
    assert oof.shape == (60, 3) and np.allclose(oof.sum(axis=1), 1.0)
    assert np.mean(classes[oof.argmax(axis=1)] == np.array(y)) >= 0.9
    # text alone: fitted without ministries, scored with the ministry read from the addressee (none here)
    alone, _ = rub.cross_fit(texts, y, None, folds=5, given=False)
    assert not np.allclose(alone, oof) and np.allclose(alone.sum(axis=1), 1.0)
    priors = rub.top_rubriques(oof[:2], classes, top=2)
    assert len(priors) == 2 and all(len(d) == 2 and max(d.values()) == oof[k].max() for k, d in enumerate(priors))


def test_titles_and_answers_are_extra_training_rows_never_read_at_question_time():
    pairs, y, vecs = _toy(60)
    # the titles name a word the questions never use; a new question with that word follows them
    side = rub.Side([f"Dossier {c}ologie" for c in y], ["" for _ in y], vecs, None)
    model = rub.fit(pairs, y, vecs, side=side)
    for c in WORDS:
        p = rub.batch_proba(model, [f"Question sur la {c}ologie"], [""])
        assert rub.classes(model)[p.argmax()] == c
    assert rub.fit(pairs, y, vecs, side=side)["e5"].n_features_in_ == 384
    assert rub.side_data([{"rubrique": "santé", "text": "t", "title": "AIDE SOCIALE À L'ENFANCE", "answer": "r"},
                          {"rubrique": "", "text": "u"}]).titles == ["Aide sociale à l'enfance"]


def test_cross_fit_never_trains_a_row_on_its_own_title():
    rng = np.random.default_rng(1)
    y = [list(WORDS)[k] for k in rng.integers(0, 3, 60)]
    texts = [f"question numéro q{k}x" for k in range(60)]
    side = rub.Side([f"q{k}x q{k}x" for k in range(60)], [""] * 60)  # each title: its question's own marker only
    leaky = rub.batch_proba(rub.fit([(t, "") for t in texts], y, side=side), texts, [""] * 60)
    oof, classes = rub.cross_fit(texts, y, None, folds=5, side=side)
    assert np.mean(classes[leaky.argmax(axis=1)] == np.array(y)) == 1.0
    assert np.mean(classes[oof.argmax(axis=1)] == np.array(y)) < 0.6


def test_rubrique_version_checked_at_load(tmp_path):
    meta = {"taxonomy": "rubrique", "version": "1.2", "sklearn": sklearn.__version__}
    with pytest.raises(classifier.ModelError, match="train --taxonomy rubrique"):
        classifier.check_compatible(meta, tmp_path / "m.joblib")
    classifier.check_compatible({**meta, "version": classifier.MODEL_VERSION}, tmp_path / "m.joblib")


@needs_model
def test_shipped_model_has_its_e5_part_and_four_thresholds():
    from tdi_nlp import encoder
    meta = json.loads((MODELS / "themes-rubrique.json").read_text(encoding="utf-8"))
    assert meta["version"] == classifier.MODEL_VERSION and meta["encoder"] == encoder.ENCODER_TAG
    assert set(meta["thresholds"]) == set(rub.WEIGHTS)
    assert "e5" in classifier.load("rubrique")["model"]


@needs_model
def test_classify_embeds_only_when_asked(monkeypatch):
    from tdi_nlp import encoder
    from tdi_nlp.themes import classifier as clf
    text = ("Monsieur le ministre délégué chargé de l'industrie, l'usine de Saint-Nazaire va fermer et 300 emplois "
            "sont menacés. Que compte faire le Gouvernement pour les salariés ?")
    calls = []
    real = encoder.embed_passages
    monkeypatch.setattr(encoder, "embed_passages", lambda texts: calls.append(texts) or real(texts))
    plain = clf.classify(text, taxonomy="rubrique", minister="Industrie", min_score=0.0)
    assert calls == [] and plain[0]["theme"] == "industrie"
    vec = real([text])[0]
    fused = clf.classify(text, taxonomy="rubrique", minister="Industrie", min_score=0.0, vector=vec)
    assert calls == [] and fused[0]["theme"] == "industrie" and fused[0]["score"] != plain[0]["score"]
    embedded = clf.classify(text, taxonomy="rubrique", minister="Industrie", min_score=0.0, embed=True)
    assert len(calls) == 1 and [t["score"] for t in embedded] == [t["score"] for t in fused]
    # the threshold of the E5 setting applies when the vector is used
    thresholds = clf.load("rubrique")["meta"]["thresholds"]
    shown = clf.classify(text, taxonomy="rubrique", minister="Industrie", vector=vec)
    assert all(t["score"] >= thresholds["given+e5"] for t in shown)
