"""Taxonomy 2: the Assemblée nationale's ``rubrique`` of a question (single label, ranked suggestions).

scikit-learn Pipeline over (question text, ministry questioned) pairs: TF-IDF of the question's words plus, with
weight 0.5, TF-IDF of the words of the ministry's name (legitimate input at question time; may be empty) ->
multinomial logistic regression. Trained on the 533 AN questions au gouvernement of ../shared (their own labels).
When the ministry is not given it is read from the addressee of the text (:mod:`.addressee`), and the suggestion
mixes that model (weight ``TEXT_MIX``) with a text-only model (no ministry feature; alone when no addressee
resolves): chosen by 5-fold CV on the training part of the frozen split (acc@1/@3 0.414 / 0.570, against 0.388 /
0.536 for the inferred ministry alone and 0.398 / 0.560 for the text-only model).

A suggestion is shown only when its probability reaches a threshold calibrated on out-of-fold predictions of the
training data (:func:`calibrate`: the lowest top-1 probability above which top-1 precision is >= 0.8), one for a
given ministry and one for a ministry inferred from the text. The frozen held-out split of ``tdi-nlp eval
rubriques``: a question is held out when sha1(id) starts with a hex digit 0-3 (:func:`held_out`).
"""
from __future__ import annotations

import hashlib

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from .text import normalize_for_features

SEED = 13
MINISTER_WEIGHT = 0.5
TARGET_PRECISION = 0.8
TEXT_MIX = 0.3


def _texts(pairs):
    return [p[0] or "" for p in pairs]


def _ministers(pairs):
    return [p[1] or "" for p in pairs]


def build_pipeline(C: float = 30.0, with_minister: bool = True) -> Pipeline:
    parts = [("text", Pipeline([("pick", FunctionTransformer(_texts)),
                                ("tfidf", TfidfVectorizer(preprocessor=normalize_for_features, min_df=2,
                                                          max_features=3000))]))]
    weights = {"text": 1.0}
    if with_minister:
        parts.append(("minister", Pipeline([("pick", FunctionTransformer(_ministers)),
                                            ("tfidf", TfidfVectorizer(preprocessor=normalize_for_features))])))
        weights["minister"] = MINISTER_WEIGHT
    return Pipeline([("features", FeatureUnion(parts, transformer_weights=weights)),
                     ("clf", LogisticRegression(C=C, max_iter=3000, random_state=SEED))])


def train(pairs: list[tuple[str, str]], labels: list[str], with_minister: bool = True) -> Pipeline:
    pipe = build_pipeline(with_minister=with_minister).fit(pairs, labels)
    clf = pipe.named_steps["clf"]
    clf.coef_ = clf.coef_.astype(np.float32)  # compact artifact; scores unchanged to ~1e-7
    for _, part in pipe.named_steps["features"].transformer_list:
        part.named_steps["tfidf"].stop_words_ = None
    return pipe


def probabilities(pipe: Pipeline, pairs: list[tuple[str, str]]) -> np.ndarray:
    """predict_proba in one pass: features once, then the softmax of the linear decision."""
    clf = pipe.named_steps["clf"]
    X = pipe.named_steps["features"].transform(pairs)
    d = np.asarray(X @ clf.coef_.T.astype(float)) + clf.intercept_
    if d.shape[1] == 1:  # two classes only
        p = 1.0 / (1.0 + np.exp(-d))
        return np.hstack([1 - p, p])
    d -= d.max(axis=1, keepdims=True)
    e = np.exp(d)
    return e / e.sum(axis=1, keepdims=True)


def ranked(pipe: Pipeline, text: str, minister: str | None = None, top: int = 3) -> list[tuple[str, float]]:
    proba = probabilities(pipe, [(text, minister or "")])[0]
    order = np.argsort(-proba)[:top]
    return [(str(pipe.classes_[i]), float(proba[i])) for i in order]


def fit(pairs: list[tuple[str, str]], labels: list[str]) -> dict:
    """{"pipeline": text + ministry model, "text_pipeline": text-only model} (same classes)."""
    return {"pipeline": train(pairs, labels),
            "text_pipeline": train([(t, "") for t, _ in pairs], labels, with_minister=False)}


def suggestion_proba(model: dict, pairs: list[tuple[str, str]], given: bool) -> np.ndarray:
    """Probabilities (columns: model["pipeline"].classes_) of (text, ministry) pairs: the ministry model when the
    ministry is given; else the text-only model mixed with the ministry model where a ministry was inferred."""
    pw = probabilities(model["pipeline"], pairs)
    if given or "text_pipeline" not in model:
        return pw
    pt = probabilities(model["text_pipeline"], [(t, "") for t, _ in pairs])
    has = np.array([bool(m) for _, m in pairs])[:, None]
    return np.where(has, TEXT_MIX * pw + (1 - TEXT_MIX) * pt, pt)


def training_data(records: list[dict]) -> tuple[list[tuple[str, str]], list[str]]:
    kept = [r for r in records if r.get("rubrique") and r.get("text")]
    return [(r["text"], r.get("minister") or "") for r in kept], [r["rubrique"] for r in kept]


def held_out(doc_id: str) -> bool:
    """The frozen split rule: held out when sha1(id) starts with a hex digit 0-3 (a quarter in expectation)."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[0], 16) < 4


def calibrate(confidence: np.ndarray, correct: np.ndarray, target: float = TARGET_PRECISION,
              min_shown: int = 20) -> float:
    """The lowest top-1 probability above which top-1 precision is >= target (over at least min_shown items),
    from cross-validated predictions; 1.0 when no threshold reaches the target."""
    order = np.argsort(-confidence, kind="stable")
    conf, ok = confidence[order], correct[order].astype(float)
    precision = np.cumsum(ok) / np.arange(1, len(ok) + 1)
    best = 1.0
    for k in range(min_shown - 1, len(ok)):
        if precision[k] >= target and (k + 1 == len(ok) or conf[k + 1] < conf[k]):
            best = float(conf[k])
    return best


def out_of_fold(pairs: list[tuple[str, str]], labels: list[str], folds: int = 5,
                test_pairs: list[tuple[str, str]] | None = None, given: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold suggestion probabilities (columns: sorted labels) of models fitted on the other folds;
    ``test_pairs`` (same order as pairs) are what is scored, e.g. the same texts with an inferred ministry."""
    from sklearn.model_selection import KFold
    y = np.asarray(labels)
    classes = np.unique(y)
    scored = test_pairs or pairs
    out = np.zeros((len(y), len(classes)))
    for a, b in KFold(folds, shuffle=True, random_state=SEED).split(np.arange(len(y))):
        model = fit([pairs[i] for i in a], list(y[a]))
        cols = np.searchsorted(classes, model["pipeline"].classes_)
        out[np.ix_(b, cols)] = suggestion_proba(model, [scored[i] for i in b], given)
    return out, classes


def thresholds(records: list[dict], folds: int = 5) -> dict[str, float]:
    """{"given": t, "inferred": t}: calibrated thresholds with the ministry given and read from the text."""
    from .addressee import ministry
    kept = [r for r in records if r.get("rubrique") and r.get("text")]
    pairs, labels = training_data(kept)
    inferred = [(r["text"], ministry(r["text"], r.get("date")) or "") for r in kept]
    out = {}
    for setting, scored in (("given", pairs), ("inferred", inferred)):
        proba, classes = out_of_fold(pairs, labels, folds, scored, given=setting == "given")
        out[setting] = calibrate(proba.max(axis=1), classes[proba.argmax(axis=1)] == np.asarray(labels))
    return out
