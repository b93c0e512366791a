"""Taxonomy 2: the Assemblée nationale's ``rubrique`` of a question (single label, ranked suggestions).

scikit-learn Pipeline over (question text, ministry questioned) pairs: TF-IDF of the question's words plus, with
weight 0.5, TF-IDF of the words of the ministry's name (legitimate input at question time; may be empty) ->
multinomial logistic regression. Trained on the 533 AN questions au gouvernement of ../shared (their own labels).
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from .text import normalize_for_features

SEED = 13
MINISTER_WEIGHT = 0.5


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


def training_data(records: list[dict]) -> tuple[list[tuple[str, str]], list[str]]:
    kept = [r for r in records if r.get("rubrique") and r.get("text")]
    return [(r["text"], r.get("minister") or "") for r in kept], [r["rubrique"] for r in kept]
