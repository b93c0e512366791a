"""Model 2.10 (issue 12, round 11): the question model on the joined request clauses, mixed with the best clause
score. Texts and scores written for these tests."""
import pytest
import numpy as np

from tdi_nlp.themes import request_model as rm


def test_version_and_question_model_settings():
    assert rm.VERSION == "2.10" and rm.QUESTION_WEIGHT == 0.35 and rm.QUESTION_C == 3.0


def test_joined_clauses_per_question():
    owner = np.array([0, 0, 2])
    assert rm.joined_clauses(["le calendrier", "le montant", "si les PME"], owner, 3) == [
        "le calendrier le montant", "", "si les PME"]


def test_mix_keeps_rule_additions_and_zeroes_questions_without_clause():
    best = np.array([[0.4, 1.0], [0.0, 0.0], [0.2, 0.6]])
    q = np.array([[0.8, 0.0], [0.9, 0.9], [0.2, 0.2]])
    out = rm.mix_question(best, q, 0.35, np.array([True, False, True]))
    assert np.allclose(out, [[0.65 * 0.4 + 0.35 * 0.8, 1.0], [0.0, 0.0], [0.2, 0.65 * 0.6 + 0.35 * 0.2]])


def test_question_pipeline_fit_predict_proba():
    texts = ["le calendrier de signature", "le calendrier des travaux", "le montant des aides",
             "le montant du fonds", "le calendrier du versement", "le montant versé"] * 2
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 0], [0, 1]] * 2)
    pipe = rm.build_question_pipeline().fit(texts, y)
    p = pipe.predict_proba(["le calendrier de la signature", "le montant des aides versées"])
    assert p.shape == (2, 2) and p[0, 0] > p[0, 1] and p[1, 1] > p[1, 0]


def test_stacked_scores_need_clause_texts_with_a_question_model():
    texts = ["le calendrier de signature", "le montant des aides"] * 3
    y = np.eye(len(rm.LABELS), dtype=int)[[0, 3] * 3]
    model = {"stacker": None, "question": {"pipeline": rm.build_question_pipeline().fit(texts, y), "weight": 0.35}}
    proba = np.zeros((1, len(rm.LABELS)))
    try:
        rm.stacked_scores(model, proba, np.array([0]), 1)
    except ValueError:
        pass
    else:
        raise AssertionError("no error without the clause texts")
    out = rm.stacked_scores(model, proba, np.array([0]), 2, ["le calendrier de signature"])
    assert out.shape == (2, len(rm.LABELS)) and out[1].sum() == 0 and out[0].max() > 0


def test_shipped_model_has_the_question_model():
    import json
    from pathlib import Path

    import pytest
    meta_file = Path(rm.__file__).parent.parent / "models" / "themes-tdi.json"
    if not meta_file.is_file():
        pytest.skip("no shipped model")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert meta["version"] == "2.10"
    assert meta["training"]["question_model"]["weight"] == 0.35 and meta["training"]["question_model"]["C"] == 3.0
    assert "question model" in meta["model"] and "question model" in meta["text_path"]


def test_model_trained_on_another_requests_file_is_refused():
    """The shipped model records the sha1 of requests.toml (its clauses are the model's input) and load checks it."""
    import json
    from tdi_nlp.errors import ModelError
    from tdi_nlp.themes import classifier
    from tdi_nlp.themes import requests as request_rules
    path = classifier.meta_path("tdi")
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["training"]["requests"]["sha1"] == request_rules.file_sha1()
    classifier.check_compatible(meta, path)
    meta["training"]["requests"]["sha1"] = "0" * 40
    with pytest.raises(ModelError, match="requests.toml"):
        classifier.check_compatible(meta, path)
