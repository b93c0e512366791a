"""Taxonomy tdi, version 2.10 (issue 12): the themes of a question are those of its requests.

Unit: a request clause (``requests.find_requests``). Features: the TF-IDF of its words (1-2 grams), the theme cue
lists of the sentence model (model.CUES, binary, x3) and the E5 vector of the clause (query prefix, scaled, x0.08);
one logistic regression per label (C=3, ``OneVsRestLR``), times a theme-vs-none clause gate on the same features.
Training clauses: those of the train questions (labels of the evidence spans they overlap, models/labels/
requests.jsonl) plus the 600 + 365 hand-written clauses of models/labels/synthetic_requests.jsonl and
synthetic_requests_2.jsonl (rounds 1 and 2, weight 2; GUIDE.md), which join every training part and no validation part. A question's themes: every label whose best clause score
reaches the label's threshold (chosen on out-of-fold question scores of the real train questions); that clause is
the evidence. Then the rule layer (2.6; rules.py, rules.toml: the GUIDE's rules over one clause): a clause a
rhetorical veto matches scores 0, a label a [[drop]] rule takes away scores 0, a label an [[add]] rule gives scores 1
(on the out-of-fold scores the thresholds are chosen on, too). A question with no request clause gets no theme. The
saved model also holds, under "text", the same
model without the E5 block: the path extraction takes (it embeds nothing; ``predict(..., embed=False)``).

Chosen by 5-fold GroupKFold CV on the real train questions (thresholds inside each training part by 3 inner folds,
micro F1 averaged over 3 shuffled fold splits): 2.2 (no synthetic) 0.362; + synthetic x1 0.388 (x0.3 0.391, x3
0.381); + gate on all clauses 0.414 (gate on themed clauses only 0.387; C 10 0.417; synthetic x0.5 0.423, x2
0.419; cues x1 0.388, no cues 0.377, C 1 0.390 without gate); + E5 query x0.08 0.467 (x0.15 0.454, x0.25 0.425,
passage prefix x0.15 0.436, x0.5 0.394; x0.15 without the synthetic clauses 0.385: the synthetic clauses are what
make the encoder useful). Most errors left are mise_en_oeuvre on generic "comment ..." requests.

Version 2.4, chosen by ``tdi-nlp eval themes --cv-only --cv-set ...`` (5-fold CV, documents shuffled into folds, 3
shuffles, thresholds by inner folds; tuned-on): 2.3's settings 0.459; + the round-2 clauses x1 0.457 (x0.5 0.460,
x2 0.469 <- kept; balanced class weights 0.460, C 10 0.456, C 1 0.456, E5 x0.15 0.448, thresholds floored at 0.2
0.456, floor 0.2 and E5 x0.12 0.445; the floor alone on round 1 0.434).

Version 2.6, the same CV (tuned-on; the rules were written from the GUIDE and these questions' out-of-fold errors):
2.4 0.469; + rule layer (every family of rules.toml then) 0.576, additions only 0.580, vetoes only 0.459; the kept
families (RULE_FAMILIES) 0.587 <- kept, each family removed in turn 0.554-0.584; + the "generic" veto 0.581, +
"position" 0.589 (not kept: +0.002), + "decree" 0.584, + "when" 0.581. Rule hits as model features instead (x1
0.516, x3 0.534) or as features and the layer (0.576): not kept. GUIDE.md "Model 2.6".

Version 2.7, the same CV (tuned-on; per shuffle in brackets): 2.6 0.590 [0.599 0.602 0.570]; + the families for_all,
tax_relief and due_step (GUIDE rules the train errors showed missing) 0.611 [0.624 0.616 0.592] <- kept; for_all alone
0.595, tax_relief alone 0.602; + "funding" 0.619 (+0.008, under the +0.01 bar: not kept). Not kept either: evidence
spans as clauses x1 0.588, one shared threshold 0.580, the clause's request kind as features x3 0.589, thresholds on
F1 averaged over +-0.05 0.590. GUIDE.md "Model 2.7". Cuts chosen on the questions no rule decides (``undecided``):
0.594, text-only path 0.503 against its 0.530: not kept (GUIDE.md, "Text-only path under CV").

Version 2.8, the same CV (per shuffle in brackets): 2.7 0.611 [0.624 0.616 0.592] (text path 0.530 [0.541 0.534
0.514]); + the "funding" family 0.619 [0.634 0.621 0.601] (text path 0.541 [0.556 0.541 0.528]) <- kept: it wins on
every shuffle on both paths. Not kept: the kNN block (knn=0.5 0.607, knn=1.5 0.606), C=2 0.605. GUIDE.md "Model 2.8".

Version 2.9, the same CV (per shuffle in brackets; in this round's environment 2.8 scores E5 0.612 [0.620 0.615
0.600], text 0.541 [0.556 0.541 0.528]): "pour tous" in ``for_all`` only after a scheme or benefit word, and the
``left_out`` family (a group left out or asked in) 0.628 [0.635 0.634 0.615] (text 0.557 [0.571 0.556 0.543]); + the
``assessment`` family ("dresser le bilan", "a-t-il permis de") 0.641 [0.647 0.645 0.631] (text 0.567 [0.582 0.564
0.555]) <- kept; + "when" instead 0.617 (text 0.566).
Not kept: the question-level second stage (``stack=1``, every label's features) 0.581 [0.578 0.584 0.581] (text
0.500). GUIDE.md "Model 2.9".

Version 2.10 (round 11; tests/data/eval/ROUND11_themes.md): beside the clause model, a question model
(``build_question_pipeline``: TF-IDF words 1-2 of a question's joined request clauses -> one logistic regression per
label, C=3, fitted on the train questions' labels); a question's score per label is 0.65 x its best clause score +
0.35 x the question model's (``mix_question``: a label a rule adds stays 1, a question with no request clause scores
0), the thresholds chosen on the out-of-fold mix (the question model out-of-fold by the same group folds). C and the
weight were chosen in round 10 by the same CV on the train part (tuned-on; ROUND10_themes.md). On both paths.
With round 11's wider clause finder, the same CV: 2.9's settings E5 0.654 [0.660 0.644 0.658], text 0.589 [0.601
0.589 0.578]; 2.10 E5 0.660 [0.672 0.652 0.655], text 0.593 [0.610 0.590 0.580]. GUIDE.md "Model 2.10".
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from .. import encoder
from . import sources, vectors
from .dataset import UnresolvedReference, labels_path, load_references, locate
from .labels import THEMES
from .model import CueFeatures, binarize
from .model import best_thresholds as model_thresholds
from .requests import Request, find_requests
from .rules import RuleFeatures
from .rules import apply as apply_rules
from .text import normalize_for_features

LABELS = list(THEMES)
VERSION = "2.10"
SEED = 13
C = 3.0
PREFIX = "query"  # E5 prefix of a clause ("query" or "passage"), chosen by CV on the train split
TFIDF_WEIGHT = 1.0
CUES_WEIGHT = 3.0  # the theme cue lists of the sentence model (model.CUES) as binary features
BALANCED = False
E5_WEIGHT = 0.08  # weight of the scaled E5 clause vector beside TF-IDF (chosen by CV with the synthetic clauses)
SYNTHETIC = "synthetic_requests.jsonl"  # invented request clauses (GUIDE.md), added to training folds only
GATE = "all"  # "", "all" or "themed": a theme-vs-none clause gate (fit_clauses)
SYN_WEIGHT = 2.0  # sample weight of a synthetic clause (a real clause weighs 1), chosen by CV
SYNTHETIC_ROUNDS = (SYNTHETIC, "synthetic_requests_2.jsonl")  # the synthetic files, by writing round (GUIDE.md)
SYNTHETIC_FILES = SYNTHETIC_ROUNDS  # the rounds training reads (chosen by CV)
BUDGET = 0  # tokens of a clause's E5 input (vectors.truncated; 0: whole clause), what extraction then embeds
KNN_WEIGHT = 0.0  # weight of the kNN similarity block (PrototypeFeatures; with the E5 path only)
KNN_K = 5
SHARED = 0.0  # 1: one threshold for every label (micro F1 on out-of-fold scores) instead of one per label
BLEND = 0.0  # share of the text-only model's clause scores mixed into the E5 model's (0: none)
EVIDENCE_WEIGHT = 0.0  # sample weight of the train questions' evidence spans added as clauses (0: not added)
FLOOR = 0.0  # lowest threshold a label may get (thresholds chosen on few positives are unstable)
UNDECIDED = 0.0  # 1: each label's threshold chosen on the questions no rule decides (score strictly in (0, 1))
UNDECIDED_TEXT = 0.0  # the same for the text-only path (train_shipped)
RULE_ADD = 1.0  # 1: the rule layer's [[add]] rules (rules.toml) set a label's clause score to 1
RULE_VETO = 1.0  # 1: a clause a [[veto]] rule matches scores 0, and so does a label a [[drop]] rule takes away
STACK = 0.0  # 1: a question-level second stage over the clause scores (question_features, build_stacker)
STACK_C = 1.0  # C of the second stage's logistic regressions
STACK_RULES = 1.0  # with STACK: a label an [[add]] rule gives a clause stays predicted
RULES_WEIGHT = 0.0  # weight of the rule hits as binary features of the model (0: not a feature)
QUESTION_WEIGHT = 0.35  # a: score = (1 - a) best clause score + a question-model score (0: no question model)
QUESTION_C = 3.0  # C of the question model's logistic regressions (build_question_pipeline)
RULE_FAMILIES: tuple[str, ...] | None = (  # the rule families used (None: every family of rules.toml), chosen by CV
    "progress", "continuation", "enforce", "deploy", "money", "scope", "results", "recipients", "rhetorical",
    "demand_when", "for_all", "tax_relief", "due_step", "funding", "left_out", "assessment")

_CACHE: dict[tuple[str, str], np.ndarray] = {}  # (prefix, text) -> vector, per process


def _disk_cache() -> str:
    """Path of an optional .npz cache of clause vectors for experiments (env TDI_NLP_E5_CACHE; ".npz" added when
    missing, as numpy.savez adds it), else ""."""
    path = os.environ.get("TDI_NLP_E5_CACHE", "")
    if path and not path.endswith(".npz"):
        path += ".npz"
    if path and not _CACHE and os.path.exists(path):
        with np.load(path, allow_pickle=False) as z:
            for key, vec in zip(z["keys"], z["vecs"]):
                pre, _, text = str(key).partition("\t")
                _CACHE[(pre, text)] = vec
    return path


def embed(texts: list[str], prefix: str = PREFIX, budget: int = 0) -> np.ndarray:
    """E5 vectors of clauses, each cut to ``budget`` tokens when given (vectors.truncated; cached in the process,
    and on disk when TDI_NLP_E5_CACHE names a file)."""
    path = _disk_cache()
    if budget:
        texts = [vectors.truncated(t, budget) for t in texts]
    todo = [t for t in dict.fromkeys(texts) if (prefix, t) not in _CACHE]
    if todo:
        vecs = encoder.embed_passages(todo) if prefix == "passage" else vectors.clause_vectors(todo)
        for t, v in zip(todo, vecs):
            _CACHE[(prefix, t)] = np.asarray(v, dtype=np.float32)
        if path:
            keys = np.array([f"{p}\t{t}" for p, t in _CACHE])
            np.savez(path, keys=keys, vecs=np.vstack(list(_CACHE.values())))
    out = np.zeros((len(texts), encoder.DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = _CACHE[(prefix, t)]
    return out


class Clause(str):
    """A clause's text with its E5 vector already computed (extraction embeds the clauses once, in
    ``themes.vectors``): EncoderFeatures reads ``vector`` instead of calling the encoder; the other features see
    the text."""
    vector: np.ndarray

    def __new__(cls, text: str, vector: np.ndarray):
        obj = super().__new__(cls, text)
        obj.vector = vector
        return obj


class EncoderFeatures(BaseEstimator, TransformerMixin):
    """Dense feature block: the E5 vector of each clause (given on a Clause, else computed)."""

    def __init__(self, prefix: str = PREFIX, budget: int = 0):
        self.prefix, self.budget = prefix, budget

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        X = list(X)
        given = [i for i, x in enumerate(X) if isinstance(x, Clause)]
        if len(given) == len(X):
            return np.vstack([x.vector for x in X]).astype(np.float64) if X else np.zeros((0, encoder.DIM))
        out = embed([str(x) for x in X], self.prefix, getattr(self, "budget", 0)).astype(np.float64)
        for i in given:
            out[i] = X[i].vector
        return out


class PrototypeFeatures(BaseEstimator, TransformerMixin):
    """Dense feature block: per column of the training labels, and for "no label", the mean cosine of a clause's E5
    vector to its ``k`` nearest training clauses of that column (kNN over the train and synthetic clauses); a
    training clause's own vector (and any clause of the same text) is left out of its neighbours."""

    def __init__(self, prefix: str = PREFIX, k: int = 5, budget: int = 0):
        self.prefix, self.k, self.budget = prefix, k, budget

    def _vectors(self, X) -> np.ndarray:
        return EncoderFeatures(self.prefix, self.budget).transform(X).astype(np.float32)

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None, **fit_params):
        X = list(X)
        Y = np.asarray(y).reshape(len(X), -1).astype(bool)
        self.columns_ = np.column_stack([Y, ~Y.any(axis=1)])
        self.vectors_ = self._vectors(X).astype(np.float16)
        sims = self.vectors_.astype(np.float32) @ self.vectors_.astype(np.float32).T
        np.fill_diagonal(sims, -2.0)
        index: dict[str, list[int]] = {}
        for i, t in enumerate(X):
            index.setdefault(str(t), []).append(i)
        for rows in index.values():
            if len(rows) > 1:
                sims[np.ix_(rows, rows)] = -2.0
        return self._features(sims)

    def transform(self, X):
        return self._features(self._vectors(list(X)) @ self.vectors_.astype(np.float32).T)

    def _features(self, sims: np.ndarray) -> np.ndarray:
        out = np.zeros((sims.shape[0], self.columns_.shape[1]))
        for j in range(self.columns_.shape[1]):
            cols = sims[:, self.columns_[:, j]]
            if cols.shape[1] == 0:
                continue
            k = min(self.k, cols.shape[1])
            top = -np.partition(-cols, k - 1, axis=1)[:, :k]
            out[:, j] = top.mean(axis=1)
        return out


class OneVsRestLR(BaseEstimator, ClassifierMixin):
    """One logistic regression per label, fitted with sample weights (scikit-learn's OneVsRestClassifier passes
    none without metadata routing). ``predict_proba`` gives each label's positive probability."""

    def __init__(self, C: float = C, balanced: bool = BALANCED):
        self.C, self.balanced = C, balanced

    def fit(self, X, Y, sample_weight=None):
        Y = np.asarray(Y)
        self.estimators_: list = []
        for j in range(Y.shape[1]):
            col = Y[:, j]
            if col.min() == col.max():
                self.estimators_.append(float(col[0]))  # a label with one value in the data: a constant
                continue
            lr = LogisticRegression(C=self.C, max_iter=3000, random_state=SEED,
                                    class_weight="balanced" if self.balanced else None)
            self.estimators_.append(lr.fit(X, col, sample_weight=sample_weight))
        return self

    def predict_proba(self, X):
        cols = [np.full(X.shape[0], est) if isinstance(est, float) else est.predict_proba(X)[:, 1]
                for est in self.estimators_]
        return np.column_stack(cols)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)


def build_pipeline(C: float = C, prefix: str = PREFIX, tfidf: float = TFIDF_WEIGHT, cues: float = CUES_WEIGHT,
                   balanced: bool = BALANCED, e5: float = E5_WEIGHT, knn: float = KNN_WEIGHT,
                   k: float = KNN_K, budget: float = BUDGET, rules: float = RULES_WEIGHT,
                   families: tuple[str, ...] | None = RULE_FAMILIES) -> Pipeline:
    parts: list = []
    weights = {}
    if knn and e5:
        parts.append(("protos", Pipeline([("sim", PrototypeFeatures(prefix, int(k), int(budget))),
                                          ("scale", StandardScaler())])))
        weights["protos"] = knn
    if e5:
        parts.append(("encoder", Pipeline([("e5", EncoderFeatures(prefix, int(budget))),
                                           ("scale", StandardScaler(with_mean=False))])))
        weights["encoder"] = e5
    if tfidf:
        parts.append(("words", TfidfVectorizer(preprocessor=normalize_for_features, ngram_range=(1, 2),
                                               sublinear_tf=True, min_df=2)))
        weights["words"] = tfidf
    if cues:
        parts.append(("cues", CueFeatures()))
        weights["cues"] = cues
    if rules:
        parts.append(("rules", RuleFeatures(families)))
        weights["rules"] = rules
    return Pipeline([("features", FeatureUnion(parts, transformer_weights=weights)),
                     ("clf", OneVsRestLR(C, balanced))])


def best_thresholds(y: np.ndarray, proba: np.ndarray) -> list[float]:
    """Per label, the cut in [0.02, 0.9] that maximizes F1 on (y, proba) (rare labels have low probabilities)."""
    return model_thresholds(y, proba, grid=(0.02, 0.901, 0.01))


def build_question_pipeline(C: float = QUESTION_C) -> Pipeline:
    """The question model (2.10): TF-IDF words 1-2 of a question's joined request clauses -> one logistic
    regression per label (fit / predict_proba on texts, one per question)."""
    return Pipeline([("words", TfidfVectorizer(preprocessor=normalize_for_features, ngram_range=(1, 2),
                                               sublinear_tf=True, min_df=2)),
                     ("clf", OneVsRestLR(C))])


def joined_clauses(texts: list[str], owner: np.ndarray, n: int) -> list[str]:
    """Per question, its request clauses joined by spaces ("" for a question with none)."""
    parts: list[list[str]] = [[] for _ in range(n)]
    for t, qi in zip(texts, owner):
        parts[int(qi)].append(str(t))
    return [" ".join(p) for p in parts]


def mix_question(best: np.ndarray, qscore: np.ndarray, weight: float, has_clause: np.ndarray) -> np.ndarray:
    """(1 - weight) best clause score + weight question score; a label a rule adds (best clause score 1) stays 1,
    a question with no request clause scores 0."""
    out = (1 - weight) * best + weight * qscore
    out = np.where(best >= 1.0, 1.0, out)
    out[~np.asarray(has_clause, dtype=bool)] = 0.0
    return out


@dataclass
class Question:
    """A labelled question: its text, final labels, evidence [(label, start, end)] in text, document (group)."""
    text: str
    labels: list[str]
    evidence: list[tuple[str, int, int]]
    group: str
    round: int = 1  # labelling round (GUIDE.md): 1 = the first 323 questions, 2 = the 207 added after


REFERENCES = "requests.jsonl"


def load_questions(split: str | None = None, name: str = REFERENCES) -> list[Question]:
    """The labelled questions of models/labels/requests.jsonl (one split, or all), in the normalized text."""
    out = []
    for r in load_references(name):
        if split and r.get("split", "train") != split:
            continue
        span = locate(sources.raw_text(r["source"], r["doc"]), r["anchor"])
        if span is None:
            raise UnresolvedReference(f"{r['id']}: text not found in {r['source']} (sha1 matches no span)")
        norm = sources.normalized(r["source"], r["doc"])
        s, e = norm.from_raw(span[0]), norm.from_raw(span[1], end=True)
        ev = [(x["label"], norm.from_raw(x["start"]) - s, norm.from_raw(x["end"], end=True) - s)
              for x in r.get("evidence", [])]
        out.append(Question(norm.text[s:e], list(r["labels"]), ev, f"{r['source']}#{r['doc']}",
                            int(r.get("round", 1))))
    return out


def clause_labels(req: Request, evidence: list[tuple[str, int, int]]) -> list[str]:
    """The labels of the evidence spans a clause overlaps."""
    return sorted({lab for lab, s, e in evidence if s < req.end and req.start < e})


def clauses_of(questions: list[Question]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(clause texts, clause label matrix, index of each clause's question)."""
    texts, labels, owner = [], [], []
    for qi, q in enumerate(questions):
        for req in find_requests(q.text):
            texts.append(req.text)
            labels.append(clause_labels(req, q.evidence))
            owner.append(qi)
    return texts, binarize(labels), np.array(owner, dtype=int)


def evidence_clauses(questions: list[Question]) -> tuple[list[str], np.ndarray]:
    """(texts, label matrix) of the questions' evidence spans, one per span (clause-level supervision)."""
    spans: dict[tuple[int, int, int], set[str]] = {}
    for qi, q in enumerate(questions):
        for lab, s, e in q.evidence:
            spans.setdefault((qi, s, e), set()).add(lab)
    keys = sorted(spans)
    return ([" ".join(questions[qi].text[s:e].split()) for qi, s, e in keys],
            binarize([sorted(spans[key]) for key in keys]))


def question_max(proba: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per question, the highest clause probability of each label (0 for a question with no clause)."""
    out = np.zeros((n, len(LABELS)))
    for i, qi in enumerate(owner):
        out[qi] = np.maximum(out[qi], proba[i])
    return out


def load_synthetic(names: tuple[str, ...] | str = SYNTHETIC_FILES) -> tuple[list[str], np.ndarray]:
    """(texts, label matrix) of the invented request clauses of models/labels/ (GUIDE.md, "Synthetic clauses")."""
    rows = []
    for name in (names,) if isinstance(names, str) else names:
        with open(labels_path(name), encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return [r["text"] for r in rows], binarize([r["labels"] for r in rows])


def fit_clauses(texts: list[str], y: np.ndarray, syn_weight: float = SYN_WEIGHT, gate: str = GATE,
                synthetic: tuple[list[str], np.ndarray] | None = None,
                extra: tuple[list[str], np.ndarray, float] | None = None, rule_add: float = RULE_ADD,
                rule_veto: float = RULE_VETO, **params) -> dict:
    """{"pipeline", "gate", "rule_layer"} fitted on clauses, plus the synthetic clauses weighted ``syn_weight``.
    ``gate``: "" (no gate), "all" or "themed": a clause classifier theme-vs-none whose probability multiplies the
    label ones, the label classifier trained on every clause or on the themed clauses only (then p(label) = p(theme)
    p(label | theme)). ``rule_add`` / ``rule_veto``: the rule layer clause_scores applies (rules.apply)."""
    texts, w = list(texts), np.ones(len(texts))
    if syn_weight:
        syn_texts, syn_y = synthetic if synthetic is not None else load_synthetic()
        texts, y, w = texts + syn_texts, np.vstack([y, syn_y]), np.concatenate([w, np.full(len(syn_texts), syn_weight)])
    if extra is not None and extra[0]:
        texts, y, w = texts + extra[0], np.vstack([y, extra[1]]), np.concatenate([w, np.full(len(extra[0]), extra[2])])
    out: dict = {"gate": None, "rule_layer": None}
    if rule_add or rule_veto:
        out["rule_layer"] = {"add": bool(rule_add), "veto": bool(rule_veto),
                             "families": params.get("families", RULE_FAMILIES)}
    themed = np.asarray(np.asarray(y).sum(axis=1) > 0)
    if gate:
        out["gate"] = build_pipeline(**params).fit(texts, themed[:, None].astype(int), clf__sample_weight=w)
    keep: np.ndarray = themed if gate == "themed" else np.ones(len(texts), dtype=bool)
    out["pipeline"] = build_pipeline(**params).fit([t for t, k in zip(texts, keep) if k], y[keep],
                                                   clf__sample_weight=w[keep])
    return out


def fit_blend(texts: list[str], y: np.ndarray, blend: float = BLEND, **params) -> dict:
    """fit_clauses, and with ``blend`` the same without the E5 block under "blend" (clause_scores mixes them)."""
    model = fit_clauses(texts, y, **params)
    if blend:
        model["blend"] = (blend, fit_clauses(texts, y, **{**params, "e5": 0.0}))
    return model


def clause_scores(model: dict, texts: list[str]) -> np.ndarray:
    """(clauses, labels) scores: the label probabilities, times the gate's theme probability when there is one;
    with a "blend" (w, text model), (1 - w) of these plus w of the text model's; then the rule layer, if any."""
    proba = model["pipeline"].predict_proba(texts)
    if model.get("gate") is not None:
        proba = proba * model["gate"].predict_proba(texts)[:, :1]
    if model.get("blend"):
        w, other = model["blend"]
        proba = (1 - w) * proba + w * clause_scores(other, texts)
    layer = model.get("rule_layer")
    if layer:
        proba = apply_rules([str(t) for t in texts], proba, layer["families"], layer["add"], layer["veto"])
    return proba


def _extra(questions: list[Question], evidence: float) -> tuple[list[str], np.ndarray, float] | None:
    return (*evidence_clauses(questions), evidence) if evidence else None


def out_of_fold_clauses(questions: list[Question], folds: int = 5, evidence: float = EVIDENCE_WEIGHT,
                        **params) -> tuple[np.ndarray, np.ndarray]:
    """(clause scores, index of each clause's question), each clause scored by a model that did not see its
    question's document (GroupKFold over questions); synthetic clauses (and, with ``evidence``, the evidence spans
    of the training part) join every training part, never a validation part."""
    texts, y, owner = clauses_of(questions)
    groups = [questions[qi].group for qi in owner]
    proba = np.zeros(y.shape)
    for tr, te in GroupKFold(n_splits=folds).split(texts, y, groups):
        seen = [questions[qi] for qi in sorted(set(owner[tr]))]
        model = fit_blend([texts[i] for i in tr], y[tr], extra=_extra(seen, evidence), **params)
        proba[te] = clause_scores(model, [texts[i] for i in te])
    return proba, owner


def out_of_fold(questions: list[Question], folds: int = 5, evidence: float = EVIDENCE_WEIGHT, **params) -> np.ndarray:
    """Question-level scores (best clause per label) of out_of_fold_clauses."""
    proba, owner = out_of_fold_clauses(questions, folds, evidence, **params)
    return question_max(proba, owner, len(questions))


def question_features(proba: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Question-level features of its clause scores (the second stage, ``stack``): per label the best and the mean
    clause score and whether a rule set it (a score of exactly 1: an [[add]]), then log(1 + number of clauses)."""
    k = proba.shape[1]
    best, total, ruled = np.zeros((n, k)), np.zeros((n, k)), np.zeros((n, k))
    count = np.zeros(n)
    for i, qi in enumerate(owner):
        best[qi] = np.maximum(best[qi], proba[i])
        total[qi] += proba[i]
        ruled[qi] = np.maximum(ruled[qi], proba[i] >= 1.0)
        count[qi] += 1
    mean = total / np.maximum(count, 1)[:, None]
    return np.column_stack([best, mean, ruled, np.log1p(count)])


def build_stacker(C: float = STACK_C) -> Pipeline:
    """The second stage: one logistic regression per label over every label's question features."""
    return Pipeline([("scale", StandardScaler()), ("clf", OneVsRestLR(C))])


def stack_proba(stacker: dict, feats: np.ndarray) -> np.ndarray:
    """The second stage's scores of question_features rows: 0 for a question with no clause; with
    ``keep_rules`` a label an [[add]] rule gives stays 1."""
    k = len(LABELS)
    out = stacker["pipeline"].predict_proba(feats)
    out[feats[:, -1] == 0] = 0.0
    if stacker.get("keep_rules"):
        out = np.where(feats[:, 2 * k:3 * k] > 0, 1.0, out)
    return out


def stacked_scores(model: dict, proba: np.ndarray, owner: np.ndarray, n: int,
                   texts: list[str] | None = None) -> np.ndarray:
    """Per question and label, the score compared with the thresholds: the best clause score, or with a
    "stacker" (train's ``stack``) its score over question_features; with a "question" model (2.10; ``texts``: the
    clause texts, in the order of ``proba``), mixed with its score of the joined clauses (mix_question)."""
    if model.get("stacker") is None:
        out = question_max(proba, owner, n)
    else:
        out = stack_proba(model["stacker"], question_features(proba, owner, n))
    qm = model.get("question")
    if qm is not None and n:
        if texts is None:
            raise ValueError("a model with a question model needs the clause texts")
        has = np.bincount(np.asarray(owner, dtype=int), minlength=n)[:n] > 0 if len(owner) else np.zeros(n, bool)
        qscore = qm["pipeline"].predict_proba(joined_clauses(texts, owner, n))
        out = mix_question(out, qscore, qm["weight"], has)
    return out


def shared_threshold(y: np.ndarray, proba: np.ndarray) -> list[float]:
    """One cut for every label, the one in [0.02, 0.9] that maximizes micro F1 on (y, proba)."""
    best, cut = -1.0, 0.5
    for t in np.arange(0.02, 0.901, 0.01):
        pred = proba >= t
        tp, fp, fn = (pred & (y == 1)).sum(), (pred & (y == 0)).sum(), (~pred & (y == 1)).sum()
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        if f1 > best:
            best, cut = f1, float(t)
    return [cut] * y.shape[1]


def choose_thresholds(y: np.ndarray, oof: np.ndarray, floor: float = FLOOR, shared: float = SHARED,
                      undecided: float = UNDECIDED) -> list[float]:
    """Per-label cuts from out-of-fold question scores, none below ``floor``; ``shared``: one cut for all;
    ``undecided``: each label's cut chosen on the questions whose score no rule set (strictly between 0 and 1: an
    [[add]] rule scores 1, vetoes and drops 0; those are predicted whatever the cut)."""
    if shared:
        cuts = shared_threshold(y, oof)
    elif undecided:
        cuts = []
        for j in range(y.shape[1]):
            keep = (oof[:, j] > 0) & (oof[:, j] < 1)
            cuts += best_thresholds(y[keep][:, [j]], oof[keep][:, [j]]) if keep.any() else [0.5]
    else:
        cuts = best_thresholds(y, oof)
    return [max(t, floor) for t in cuts]


def train(questions: list[Question], folds: int = 5, floor: float = FLOOR, evidence: float = EVIDENCE_WEIGHT,
          shared: float = SHARED, undecided: float = UNDECIDED, keep_oof: bool = False, stack: float = STACK,
          stack_c: float = STACK_C, stack_rules: float = STACK_RULES, question: float = QUESTION_WEIGHT,
          question_c: float = QUESTION_C, **params) -> dict:
    """Fit on every clause (and the synthetic ones); thresholds from out-of-fold question scores
    (choose_thresholds). Returns {"pipeline", "gate", "thresholds", "stacker"}, and "oof" (question labels,
    scores) with ``keep_oof`` (to try other cuts in CV). ``stack``: a second stage (build_stacker, C ``stack_c``)
    fitted on the out-of-fold question_features; its thresholds chosen on its own out-of-fold scores (GroupKFold
    over those features), ``stack_rules``: a label a rule adds stays predicted. ``question``: the weight of the
    question model (build_question_pipeline, C ``question_c``) mixed into the question scores (mix_question); its
    scores behind the thresholds are out-of-fold too (GroupKFold over the questions, ``folds`` folds)."""
    y_q = binarize([q.labels for q in questions])
    proba, owner = out_of_fold_clauses(questions, folds=folds, evidence=evidence, **params)
    oof = question_max(proba, owner, len(questions))
    stacker = None
    if stack:
        feats = question_features(proba, owner, len(questions))
        oof = np.zeros(y_q.shape)
        for tr, te in GroupKFold(n_splits=folds).split(feats, y_q, [q.group for q in questions]):
            part = {"pipeline": build_stacker(stack_c).fit(feats[tr], y_q[tr]), "keep_rules": bool(stack_rules)}
            oof[te] = stack_proba(part, feats[te])
        stacker = {"pipeline": build_stacker(stack_c).fit(feats, y_q), "keep_rules": bool(stack_rules)}
    texts, y, owner_all = clauses_of(questions)
    qmodel = None
    if question:
        joined = joined_clauses(texts, owner_all, len(questions))
        has = np.array([bool(j) for j in joined])
        q_oof = np.zeros(y_q.shape)
        for tr, te in GroupKFold(n_splits=folds).split(joined, y_q, [q.group for q in questions]):
            pipe = build_question_pipeline(question_c).fit([joined[i] for i in tr], y_q[tr])
            q_oof[te] = pipe.predict_proba([joined[i] for i in te])
        oof = mix_question(oof, q_oof, question, has)
        pipe = build_question_pipeline(question_c).fit(joined, y_q)
        pipe.named_steps["words"].stop_words_ = None
        qmodel = {"pipeline": pipe, "weight": float(question), "C": float(question_c)}
    thresholds = choose_thresholds(y_q, oof, floor, shared, undecided)
    model = fit_blend(texts, y, extra=_extra(questions, evidence), **params)
    model["stacker"] = stacker
    model["question"] = qmodel
    pipes = [model["pipeline"], model["gate"]] + ([model["blend"][1]["pipeline"], model["blend"][1]["gate"]]
                                                   if model.get("blend") else [])
    for pipe in pipes:
        words = None if pipe is None else dict(pipe.named_steps["features"].transformer_list).get("words")
        if words is not None:
            words.stop_words_ = None
    model["thresholds"] = dict(zip(LABELS, thresholds))
    if keep_oof:
        model["oof"] = (y_q, oof)
    return model


def train_shipped(questions: list[Question], folds: int = 5, undecided_text: float = UNDECIDED_TEXT,
                  **params) -> dict:
    """What ``tdi-nlp train`` saves: the model with this module's settings (or ``params``: train's) and, when it
    reads the E5 clause vector, the same model without it under "text" (the path extraction takes: it embeds
    nothing), its thresholds chosen with ``undecided_text``."""
    model = train(questions, folds=folds, **params)
    if params.get("e5", E5_WEIGHT):
        model["text"] = train(questions, folds=folds, **{**params, "e5": 0.0, "blend": 0.0,
                                                         "undecided": undecided_text})
    return model


def active(model: dict, embed: bool = True) -> dict:
    """The sub-model that scores a text: the E5 one when ``embed``, else the text-only one when there is one."""
    return model if embed or not model.get("text") else model["text"]


def reads_e5(model: dict) -> bool:
    """Whether the model's full path reads the E5 clause vector."""
    return "encoder" in dict(model["pipeline"].named_steps["features"].transformer_list)


def e5_budget(model: dict) -> int:
    """The token budget the model's E5 block cuts clauses to (0: none): what extraction must embed."""
    block = dict(model["pipeline"].named_steps["features"].transformer_list).get("encoder")
    return int(getattr(block.named_steps["e5"], "budget", 0)) if block is not None else 0


def predict(model: dict, text: str, embed: bool = True, clause_vecs: np.ndarray | None = None
            ) -> list[tuple[str, float, Request]]:
    """(label, score, evidence clause) of every label whose best clause reaches its threshold, best first;
    ``embed=False`` takes the model's text-only path when it has one (no encoder call); ``clause_vecs``: the E5
    vectors (``vectors.clause_vectors``) of ``find_requests(text)``'s clauses, in order, when already computed."""
    return predict_batch(model, [text], embed, None if clause_vecs is None else [clause_vecs])[0]


def predict_batch(model: dict, texts: list[str], embed: bool = True, clause_vecs: list | None = None
                  ) -> list[list[tuple[str, float, Request]]]:
    """:func:`predict` of each text, the clauses of all of them scored in one call (the same scores)."""
    model = active(model, embed)
    found = [find_requests(t) for t in texts]
    items: list[str] = []
    for n, reqs in enumerate(found):
        vecs = None if clause_vecs is None or not embed else clause_vecs[n]
        if vecs is None:
            items += [r.text for r in reqs]
            continue
        if len(vecs) != len(reqs):
            raise ValueError(f"{len(vecs)} clause vectors for {len(reqs)} request clauses")
        items += [Clause(r.text, v) for r, v in zip(reqs, vecs)]
    proba = clause_scores(model, items) if items else np.zeros((0, len(LABELS)))
    owner = np.array([n for n, reqs in enumerate(found) for _ in reqs], dtype=int)
    scores = stacked_scores(model, proba, owner, len(texts), [str(x) for x in items])
    out, first = [], 0
    for n, reqs in enumerate(found):
        part, first = proba[first:first + len(reqs)], first + len(reqs)
        got = []
        for j, code in enumerate(LABELS):
            if not reqs:
                break
            i = int(np.argmax(part[:, j]))
            if scores[n, j] >= model["thresholds"][code]:
                got.append((code, float(scores[n, j]), reqs[i]))
        out.append(sorted(got, key=lambda t: -t[1]))
    return out


def describe(e5: float | None = None) -> str:
    """The model's features in one line (recorded in the model's .json)."""
    e5 = E5_WEIGHT if e5 is None else e5
    head = f"E5 clause vector ({PREFIX} prefix, scaled, x{e5}) + " if e5 else ""
    syn = f", plus {' + '.join(SYNTHETIC_FILES)} (weight {SYN_WEIGHT})" if SYN_WEIGHT else ""
    gate = (f"; times a theme-vs-none clause gate on the same features ({GATE} clauses)" if GATE else "")
    layer = (f"; then the rule layer of themes/rules.toml (families {'+'.join(RULE_FAMILIES or ['all'])}: vetoes "
             f"and drops score 0, additions 1)" if RULE_ADD or RULE_VETO else "")
    question = (f"; question score = {1 - QUESTION_WEIGHT:g} x best clause + {QUESTION_WEIGHT:g} x a question model "
                f"(TF-IDF words 1-2 of the joined request clauses -> logistic regression, C={QUESTION_C:g})"
                if QUESTION_WEIGHT else "")
    return (f"{head}TF-IDF words 1-2 (x{TFIDF_WEIGHT}) + theme cues (x{CUES_WEIGHT}) -> one-vs-rest logistic "
            f"regression (C={C}) on the request clauses of the train questions{syn}{gate}{layer}{question}")
