"""Taxonomy 2: the Assemblée nationale's ``rubrique`` of a question (single label, ranked suggestions).

Late fusion of up to five parts, three of them multinomial logistic regressions with balanced class weights
(rare rubriques count as much as frequent ones), trained on the 533 AN questions au gouvernement of ../shared
(their own labels):
- ``pipeline``: TF-IDF of the question's words plus, with weight 0.5, TF-IDF of the words of the ministry's name
  (legitimate input at question time; may be empty);
- ``text_pipeline``: the same without the ministry;
- ``neighbours`` (model 1.5): the rubriques of the :data:`NEIGHBOURS` past questions and titles nearest to the
  question (sublinear TF-IDF cosine), each weighted by exp(cosine / :data:`NEIGHBOURS_TEMPERATURE`); no vector needed;
- ``e5`` (optional): the question's E5 passage vector (:mod:`tdi_nlp.encoder`), C=300;
- ``names`` (with ``e5``): the E5 vectors of the rubriques' own names; the question's cosine to each, as a sharp
  softmax (temperature 0.005), helps rare rubriques whose name says what they are about.
Training rows (since model 1.4): each question, plus its AN title and its published answer (:class:`Side`, weights
:data:`TITLE_WEIGHT`, :data:`ANSWER_WEIGHT`; the title's E5 vector is a row of the E5 part). The AN writes the
title (its indexing "analyse") and the answer after the question, so they are never read from a question being
classified: only past questions lend theirs, as they lend their rubrique.
Suggestions are the weighted average of the parts' probabilities (:data:`WEIGHTS`), with the ministry given (AN
metadata) or inferred from the addressee of the text (:mod:`.addressee`; its weight goes to the others when no
addressee resolves), with or without the vector: extraction embeds nothing and uses the TF-IDF parts alone. Every
choice (class weights, C, the weights, the temperature, the side rows' weights) was made by 5-fold CV on the
training part of the frozen split, against char n-grams, a weighted first sentence, an E5 kNN of the training
questions, an E5 feature union, a ministry -> rubrique prior, a nearest-centroid part and stacking (a conditional
logit on the parts' log-probabilities: one learned temperature per part), none better than the weighted mean.
Model 1.5 (the TF-IDF kNN part; weights re-chosen on two fold seeds, 13 and 7, for acc@3 + acc@1 / 2) against 1.4,
5-fold CV acc@1 / acc@3 on the 384 training questions (seed 13): given 0.594 / 0.747 -> 0.607 / 0.753, inferred
0.526 / 0.719 -> 0.565 / 0.721, given+e5 0.578 / 0.768 -> 0.591 / 0.758, inferred+e5 0.544 / 0.737 -> 0.565 / 0.745;
re-tried there and not kept: an E5 kNN (past questions and titles; 5-40 neighbours), a smoothed ministry -> rubrique
prior, char 2-5-grams (each added alone to the 1.4 parts: at most +0.003 acc@3 and +0.008 acc@1, below the TF-IDF
kNN). ``tdi-nlp eval rubriques`` prints the figures.

:func:`batch_proba` gives the fused probabilities of a batch of questions, :func:`cross_fit` those of each
question from a model fitted on the other folds (drafting's diversification prior, ``tdi-nlp eval drafting``).

A suggestion is shown only when its probability reaches a threshold calibrated on out-of-fold predictions of the
training data (:func:`calibrate`: the lowest top-1 probability above which top-1 precision is >= 0.8), one per
setting (:func:`setting`). The frozen held-out split of ``tdi-nlp eval rubriques``: a question is held out when
sha1(id) starts with a hex digit 0-3 (:func:`held_out`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from .text import normalize_for_features

SEED = 13
MINISTER_WEIGHT = 0.5
TARGET_PRECISION = 0.8
E5_C = 300.0
NAMES_TEMPERATURE = 0.005
TITLE_WEIGHT = 1.0   # TF-IDF parts: sample weight of a past question's title as an extra training row
ANSWER_WEIGHT = 0.5  # and of its published answer
E5_TITLE_WEIGHT = 1.0   # the same rows in the E5 part (their E5 vectors)
E5_ANSWER_WEIGHT = 0.0
NEIGHBOURS = 10  # kNN part: the rubriques of the nearest past questions and titles (TF-IDF cosine)
NEIGHBOURS_TEMPERATURE = 0.02  # each neighbour counts exp(cosine / temperature)
# (ministry model, text-only model, E5 model, rubrique names, neighbours) per setting; chosen by 5-fold CV on the
# training part (two fold seeds, 13 and 7)
WEIGHTS = {"given": (0.27, 0.64, 0.0, 0.0, 0.09), "inferred": (0.23, 0.69, 0.0, 0.0, 0.08),
           "given+e5": (0.24, 0.45, 0.14, 0.14, 0.03), "inferred+e5": (0.21, 0.57, 0.07, 0.07, 0.08)}


def _texts(pairs):
    return [p[0] or "" for p in pairs]


def _ministers(pairs):
    return [p[1] or "" for p in pairs]


def build_pipeline(C: float = 30.0, with_minister: bool = True, class_weight: str | None = "balanced") -> Pipeline:
    parts = [("text", Pipeline([("pick", FunctionTransformer(_texts)),
                                ("tfidf", TfidfVectorizer(preprocessor=normalize_for_features, min_df=2,
                                                          max_features=3000))]))]
    weights = {"text": 1.0}
    if with_minister:
        parts.append(("minister", Pipeline([("pick", FunctionTransformer(_ministers)),
                                            ("tfidf", TfidfVectorizer(preprocessor=normalize_for_features))])))
        weights["minister"] = MINISTER_WEIGHT
    return Pipeline([("features", FeatureUnion(parts, transformer_weights=weights)),
                     ("clf", LogisticRegression(C=C, max_iter=3000, random_state=SEED,
                                                class_weight=class_weight))])


@dataclass(frozen=True)
class Side:
    """What the AN publishes after a question, known for past (training) questions only and never read from a
    question being classified: its title (the AN's indexing "analyse") and its published answer, one entry per
    training question. Each is an extra training row of that question's rubrique and ministry
    (:data:`TITLE_WEIGHT`, :data:`ANSWER_WEIGHT`); their E5 passage vectors, when given, are extra rows of the E5
    part (:data:`E5_TITLE_WEIGHT`, :data:`E5_ANSWER_WEIGHT`)."""
    titles: list[str]
    answers: list[str]
    title_vectors: np.ndarray | None = None
    answer_vectors: np.ndarray | None = None

    def take(self, idx) -> Side:
        tv, av = self.title_vectors, self.answer_vectors
        return Side([self.titles[i] for i in idx], [self.answers[i] for i in idx],
                    None if tv is None else np.asarray(tv)[idx], None if av is None else np.asarray(av)[idx])


def _with_side(pairs, labels, side: Side | None):
    """Training rows: the questions (weight 1), then their titles and answers (see :class:`Side`)."""
    rows, ys, w = list(pairs), list(labels), [1.0] * len(pairs)
    if side is not None:
        for texts, weight in ((side.titles, TITLE_WEIGHT), (side.answers, ANSWER_WEIGHT)):
            keep = [k for k, t in enumerate(texts) if t and weight]
            rows += [(texts[k], pairs[k][1]) for k in keep]
            ys += [labels[k] for k in keep]
            w += [weight] * len(keep)
    return rows, ys, np.asarray(w)


def train(pairs: list[tuple[str, str]], labels: list[str], with_minister: bool = True,
          side: Side | None = None) -> Pipeline:
    rows, ys, w = _with_side(pairs, labels, side)
    with_minister = with_minister and any(m for _, m in pairs)  # no ministry known at all: text alone
    pipe = build_pipeline(with_minister=with_minister).fit(rows, ys, clf__sample_weight=w)
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


def name_vectors(labels) -> dict[str, np.ndarray]:
    """{rubrique: E5 passage vector of its name}."""
    from .. import encoder
    names = sorted(set(labels))
    return dict(zip(names, encoder.embed_passages(names)))


def fit_neighbours(pairs: list[tuple[str, str]], labels: list[str], side: Side | None = None) -> dict:
    """The kNN part: sublinear TF-IDF of the past questions and of their titles (:class:`Side`), with their
    rubriques (indices into the sorted labels, the pipelines' class order)."""
    rows, ys = [t or "" for t, _ in pairs], list(labels)
    if side is not None:
        keep = [k for k, t in enumerate(side.titles) if t]
        rows += [side.titles[k] for k in keep]
        ys += [labels[k] for k in keep]
    vec = TfidfVectorizer(preprocessor=normalize_for_features, sublinear_tf=True, dtype=np.float32)
    matrix = vec.fit_transform(rows).tocsr()
    vec.stop_words_ = None
    return {"vectorizer": vec, "matrix": matrix, "labels": np.searchsorted(np.unique(labels), ys).astype(np.int32)}


def _neighbours_proba(model: dict, texts: list[str], n_classes: int) -> np.ndarray:
    """p(c) of each text: over its :data:`NEIGHBOURS` nearest rows, exp(cosine / temperature) of those of c,
    normalized."""
    part = model["neighbours"]
    sims = (part["vectorizer"].transform(texts) @ part["matrix"].T).toarray()
    k = min(NEIGHBOURS, sims.shape[1])
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    s = np.take_along_axis(sims, top, axis=1)
    w = np.exp((s - s.max(axis=1, keepdims=True)) / NEIGHBOURS_TEMPERATURE)
    out = np.zeros((len(texts), n_classes))
    np.add.at(out, (np.repeat(np.arange(len(texts)), k), part["labels"][top].ravel()), w.ravel())
    return out / out.sum(axis=1, keepdims=True)


def _e5_rows(vectors, labels, side: Side | None):
    rows, ys, w = [np.asarray(vectors, dtype=np.float32)], list(labels), [np.ones(len(labels))]
    if side is not None:
        for vecs, texts, weight in ((side.title_vectors, side.titles, E5_TITLE_WEIGHT),
                                    (side.answer_vectors, side.answers, E5_ANSWER_WEIGHT)):
            if vecs is None or not weight:
                continue
            keep = [k for k, t in enumerate(texts) if t]
            rows.append(np.asarray(vecs, dtype=np.float32)[keep])
            ys += [labels[k] for k in keep]
            w.append(np.full(len(keep), weight))
    return np.vstack(rows), ys, np.concatenate(w)


def fit(pairs: list[tuple[str, str]], labels: list[str], vectors: np.ndarray | None = None,
        names: dict[str, np.ndarray] | None = None, side: Side | None = None) -> dict:
    """{"pipeline": text + ministry model, "text_pipeline": text-only model[, "e5": model on the E5 vectors,
    "names": E5 vectors of the class names, in class order]} (same classes); ``names`` spares embedding them;
    ``side``: the questions' titles and answers as extra training rows (:class:`Side`, same order as pairs)."""
    model = {"pipeline": train(pairs, labels, side=side),
             "text_pipeline": train([(t, "") for t, _ in pairs], labels, with_minister=False, side=side),
             "neighbours": fit_neighbours(pairs, labels, side)}
    if vectors is not None:
        clf = LogisticRegression(C=E5_C, max_iter=3000, random_state=SEED, class_weight="balanced")
        X, ys, w = _e5_rows(vectors, labels, side)
        model["e5"] = clf.fit(X, ys, sample_weight=w)
        names = names or name_vectors(labels)
        model["names"] = np.vstack([names[c] for c in clf.classes_]).astype(np.float32)
    return model


def _names_proba(model: dict, vectors: np.ndarray) -> np.ndarray:
    s = np.asarray(vectors, dtype=np.float32) @ model["names"].T / NAMES_TEMPERATURE
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def setting(given: bool, vectors: np.ndarray | None, model: dict | None = None) -> str:
    """The key of :data:`WEIGHTS` and of the thresholds: "given" or "inferred", "+e5" when vectors are used."""
    e5 = vectors is not None and (model is None or "e5" in model)
    return ("given" if given else "inferred") + ("+e5" if e5 else "")


def suggestion_proba(model: dict, pairs: list[tuple[str, str]], given: bool,
                     vectors: np.ndarray | None = None) -> np.ndarray:
    """Probabilities (columns: model["pipeline"].classes_) of (text, ministry) pairs, the E5 vectors of the texts
    used when given and the model has an E5 part: the weighted average of :data:`WEIGHTS`; a ministry inferred from
    no addressee (empty) gives its weight to the other parts."""
    wm, wt, we, wn, wk = WEIGHTS[setting(given, vectors, model)]
    pw = probabilities(model["pipeline"], pairs)
    out = wm * pw
    if wt:
        out = out + wt * probabilities(model["text_pipeline"], [(t, "") for t, _ in pairs])
    if wk:
        out = out + wk * _neighbours_proba(model, [t for t, _ in pairs], pw.shape[1])
    if we:
        out = out + we * model["e5"].predict_proba(np.asarray(vectors, dtype=np.float32))
    if wn:
        out = out + wn * _names_proba(model, np.asarray(vectors))
    if given or not wm:
        return out
    has = np.array([bool(m) for _, m in pairs])[:, None]
    return np.where(has, out, (out - wm * pw) / (1.0 - wm))


def training_data(records: list[dict]) -> tuple[list[tuple[str, str]], list[str]]:
    kept = [r for r in records if r.get("rubrique") and r.get("text")]
    return [(r["text"], r.get("minister") or "") for r in kept], [r["rubrique"] for r in kept]


def title_text(title: str | None) -> str:
    """An AN title as a sentence: "AIDE SOCIALE À L'ENFANCE" -> "Aide sociale à l'enfance" (E5 reads case)."""
    t = (title or "").strip()
    return t[:1] + t[1:].lower() if t.isupper() else t


def side_data(records: list[dict], title_vectors: np.ndarray | None = None,
              answer_vectors: np.ndarray | None = None) -> Side:
    """The :class:`Side` of the records :func:`training_data` keeps (their "title" and "answer"); the vectors,
    one per record (E5 passage vectors of :func:`title_text` of the titles and of the answers), are optional."""
    keep = [i for i, r in enumerate(records) if r.get("rubrique") and r.get("text")]
    pick = (lambda v: None if v is None else np.asarray(v)[keep])
    return Side([title_text(records[i].get("title")) for i in keep], [records[i].get("answer") or "" for i in keep],
                pick(title_vectors), pick(answer_vectors))


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
                test_pairs: list[tuple[str, str]] | None = None, given: bool = True,
                vectors: np.ndarray | None = None, side: Side | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold suggestion probabilities (columns: sorted labels) of models fitted on the other folds;
    ``test_pairs`` (same order as pairs) are what is scored, e.g. the same texts with an inferred ministry;
    ``vectors`` (same order) adds the E5 part; ``side`` (same order): the training folds' titles and answers."""
    from sklearn.model_selection import KFold
    y = np.asarray(labels)
    classes = np.unique(y)
    scored = test_pairs or pairs
    out = np.zeros((len(y), len(classes)))
    names = None if vectors is None else name_vectors(labels)
    for a, b in KFold(folds, shuffle=True, random_state=SEED).split(np.arange(len(y))):
        model = fit([pairs[i] for i in a], list(y[a]), None if vectors is None else vectors[a], names,
                    None if side is None else side.take(a))
        cols = np.searchsorted(classes, model["pipeline"].classes_)
        out[np.ix_(b, cols)] = suggestion_proba(model, [scored[i] for i in b], given,
                                                None if vectors is None else vectors[b])
    return out, classes


def thresholds(records: list[dict], folds: int = 5, vectors: np.ndarray | None = None,
               title_vectors: np.ndarray | None = None, answer_vectors: np.ndarray | None = None) -> dict[str, float]:
    """{setting: t} (see :func:`setting`): calibrated thresholds with the ministry given and read from the text,
    and, when ``vectors`` (one per record) are given, the same with the E5 part; models fitted with the side rows
    of :func:`side_data` (the title and answer vectors, one per record, optional)."""
    from .addressee import ministry
    keep = [i for i, r in enumerate(records) if r.get("rubrique") and r.get("text")]
    kept = [records[i] for i in keep]
    pairs, labels = training_data(kept)
    side = side_data(records, title_vectors, answer_vectors)
    inferred = [(r["text"], ministry(r["text"], r.get("date")) or "") for r in kept]
    out = {}
    for vecs in ([None] if vectors is None else [None, np.asarray(vectors)[keep]]):
        for given, scored in ((True, pairs), (False, inferred)):
            proba, classes = out_of_fold(pairs, labels, folds, scored, given, vecs, side)
            out[setting(given, vecs)] = calibrate(proba.max(axis=1),
                                                  classes[proba.argmax(axis=1)] == np.asarray(labels))
    return out


# ---------------------------------------------------------------- batch and cross-fitted probabilities (drafting)

def classes(model: dict) -> np.ndarray:
    """The rubriques of a fitted model, in the column order of :func:`batch_proba`."""
    return model["pipeline"].classes_


def _pairs(texts, ministries, dates) -> tuple[list[tuple[str, str]], bool]:
    """(text, ministry) pairs and whether the ministries are given; None: read from each text's addressee."""
    from .addressee import ministry
    if ministries is not None:
        return [(t or "", m or "") for t, m in zip(texts, ministries)], True
    dates = dates if dates is not None else [None] * len(texts)
    return [(t or "", ministry(t or "", d) or "") for t, d in zip(texts, dates)], False


def batch_proba(model: dict, texts: list[str], ministries: list[str | None] | None = None,
                vectors: np.ndarray | None = None, dates: list[str | None] | None = None) -> np.ndarray:
    """The full fused rubrique probabilities of a batch of questions: shape (len(texts), len(classes(model))),
    rows sum to 1, columns :func:`classes`.

    ``ministries``: the ministry questioned of each text (AN short label, e.g. "Santé et prévention"; "" or None
    for one unknown), the "given" setting; ``ministries=None``: each read from its text's addressee at ``dates``
    (the "inferred" setting, text alone). ``vectors``: E5 passage vectors of the texts (``encoder.embed_passages``,
    one row per text) adds the E5 parts when the model has them; None uses the TF-IDF parts only. The same numbers
    as ``tdi_nlp.classify(..., taxonomy="rubrique", min_score=0)`` before its top-k and threshold."""
    pairs, given = _pairs(texts, ministries, dates)
    if not pairs:
        return np.zeros((0, len(classes(model))))
    return suggestion_proba(model, pairs, given, None if vectors is None else np.asarray(vectors, np.float32))


def cross_fit(texts: list[str], labels: list[str], ministries: list[str | None] | None = None,
              vectors: np.ndarray | None = None, folds: int = 10, given: bool = True,
              dates: list[str | None] | None = None, seed: int = SEED,
              side: Side | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cross-fitted probabilities: (proba, classes) where classes = sorted set of labels and row i of proba is
    :func:`batch_proba` of question i from a model fitted (:func:`fit`, the shipped model's parts) on the other
    folds only (``folds``-fold KFold, shuffled with ``seed``): question i never trains its own row.

    ``ministries``: the AN ministry questioned of each text (None: unknown for all), used to fit the models; the
    questions are scored with them too (``given=True``) or with the ministry read from each text's addressee at
    ``dates`` (``given=False``: the text-alone setting). ``vectors`` (E5 passage vectors, one per text) adds the
    E5 parts. ``side`` (one entry per text: :class:`Side`, e.g. the past questions' AN titles and answers) adds
    the training folds' titles and answers as training rows, as the shipped model has; a question's own side never
    trains its row. A rubrique absent from the training folds of a row gets 0 there."""
    from sklearn.model_selection import KFold
    y = np.asarray(labels)
    all_classes = np.unique(y)
    train_pairs = [(t or "", m or "") for t, m in zip(texts, ministries or [""] * len(texts))]
    scored = train_pairs if given else _pairs(texts, None, dates)[0]
    vecs = None if vectors is None else np.asarray(vectors, np.float32)
    names = None if vecs is None else name_vectors(labels)
    out = np.zeros((len(y), len(all_classes)))
    for a, b in KFold(folds, shuffle=True, random_state=seed).split(np.arange(len(y))):
        model = fit([train_pairs[i] for i in a], list(y[a]), None if vecs is None else vecs[a], names,
                    None if side is None else side.take(a))
        cols = np.searchsorted(all_classes, classes(model))
        out[np.ix_(b, cols)] = suggestion_proba(model, [scored[i] for i in b], given,
                                                None if vecs is None else vecs[b])
    return out, all_classes


def top_rubriques(proba: np.ndarray, rubriques: np.ndarray, top: int = 10) -> list[dict[str, float]]:
    """{rubrique: probability} of the ``top`` most likely rubriques of each row (drafting's ``rubriques=`` prior)."""
    return [{str(rubriques[j]): float(row[j]) for j in np.argsort(-row)[:top]} for row in np.atleast_2d(proba)]
