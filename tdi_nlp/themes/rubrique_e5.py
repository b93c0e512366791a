"""The E5 feature-union prototype (E5 embedding + TF-IDF + the ministry addressed -> one logistic regression).

Kept for comparison: the shipped model (:mod:`.rubrique` 1.3) fuses separate TF-IDF and E5 models late instead,
which did better by 5-fold CV on the training part (acc@3 0.724 against 0.625 with the ministry given).

Input items are ``Item(text, ministry, vector)``: the question's text, the ministry questioned (given by the AN
metadata, or inferred from the text by :mod:`.addressee`, or None) and the E5 passage vector of the text (from the
KB's ``embeddings`` table; computed with :mod:`tdi_nlp.encoder` when None). A suggestion is shown only when its
probability reaches the calibrated ``threshold`` (see :func:`calibrate`).

Held-out split (frozen before any tuning): an AN question is held out when the first hex digit of
sha1(document id) is one of 0-3, i.e. ``int(sha1(id)[0], 16) < 4`` (a quarter in expectation; 148 of the 532 labeled
questions of ../shared). Tuning and calibration use 5-fold cross-validation on the rest only.
``python -m tdi_nlp.themes.rubrique_e5`` prints the figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

from .. import encoder
from .rubrique import TARGET_PRECISION, calibrate, held_out  # one split rule, one calibration
from .text import normalize_for_features

SEED = 13
DEFAULTS = {"C": 300.0, "tfidf": 0.5, "ministry": 1.0}   # tuned by 5-fold CV on the non-held-out part


@dataclass(frozen=True)
class Item:
    text: str
    ministry: str | None = None
    vector: np.ndarray | None = None


def _vectors(items) -> np.ndarray:
    missing = [i for i, it in enumerate(items) if it.vector is None]
    rows = [it.vector for it in items]
    if missing:
        fresh = encoder.embed_passages([items[i].text for i in missing])
        for k, i in enumerate(missing):
            rows[i] = fresh[k]
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, encoder.DIM), np.float32)


def _texts(items) -> list[str]:
    return [it.text or "" for it in items]


def _ministries(items) -> np.ndarray:
    return np.array([[it.ministry or ""] for it in items], dtype=object)


def build_pipeline(C: float = DEFAULTS["C"], tfidf: float = DEFAULTS["tfidf"],
                   ministry: float = DEFAULTS["ministry"]) -> Pipeline:
    """Features: E5 vector (weight 1), TF-IDF of the words (weight ``tfidf``, 0 = left out), one-hot of the
    ministry (weight ``ministry``, 0 = left out); multinomial logistic regression."""
    parts = [("e5", FunctionTransformer(_vectors))]
    weights = {"e5": 1.0}
    if tfidf:
        parts.append(("tfidf", Pipeline([("pick", FunctionTransformer(_texts)),
                                         ("vec", TfidfVectorizer(preprocessor=normalize_for_features, min_df=2,
                                                                 max_features=3000, sublinear_tf=True))])))
        weights["tfidf"] = tfidf
    if ministry:
        parts.append(("ministry", Pipeline([("pick", FunctionTransformer(_ministries)),
                                            ("onehot", OneHotEncoder(handle_unknown="ignore"))])))
        weights["ministry"] = ministry
    return Pipeline([("features", FeatureUnion(parts, transformer_weights=weights)),
                     ("clf", LogisticRegression(C=C, max_iter=3000, random_state=SEED))])


def ranked(pipe: Pipeline, item: Item, top: int = 3, threshold: float = 0.0) -> list[tuple[str, float]]:
    """The top rubriques of one question with their probabilities, those below ``threshold`` left out."""
    proba = pipe.predict_proba([item])[0]
    order = np.argsort(-proba)[:top]
    return [(str(pipe.classes_[i]), float(proba[i])) for i in order if proba[i] >= threshold]


def accuracy(proba: np.ndarray, classes, gold) -> tuple[float, float]:
    """acc@1 and acc@3 of probability rows."""
    classes = np.asarray(classes)
    top = classes[np.argsort(-proba, axis=1)[:, :3]]
    gold = np.asarray(gold)
    return float(np.mean(top[:, 0] == gold)), float(np.mean([g in row for g, row in zip(gold, top)]))


# ---------------------------------------------------------------- evaluation on the frozen split

def _baselines(tr_text, tr_y, te_text):
    from collections import Counter
    ranked_ = [c for c, _ in Counter(tr_y).most_common()]
    major = np.zeros((len(te_text), len(ranked_)))
    major[:, :3] = [3, 2, 1][: min(3, len(ranked_))]
    plain = Pipeline([("vec", TfidfVectorizer()), ("clf", LogisticRegression(C=10, max_iter=3000))])
    plain.fit(tr_text, tr_y)
    return [("majority class", major, ranked_), ("TF-IDF + LR C=10 (text)", plain.predict_proba(te_text),
                                                  plain.classes_)]


def _cv_proba(config: dict, items, y, folds) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold probabilities (columns = sorted labels of y)."""
    classes = np.unique(y)
    out = np.zeros((len(y), len(classes)))
    for a, b in folds:
        pipe = build_pipeline(**config).fit([items[i] for i in a], y[a])
        cols = np.searchsorted(classes, pipe.classes_)
        out[np.ix_(b, cols)] = pipe.predict_proba([items[i] for i in b])
    return out, classes


def tune(items, y, grid: list[dict], seed: int = SEED) -> tuple[dict, list[tuple[dict, float, float]]]:
    """The config of the grid with the best cross-validated acc@3 (then acc@1) on the training part."""
    from sklearn.model_selection import KFold
    folds = list(KFold(5, shuffle=True, random_state=seed).split(np.arange(len(y))))
    scores = []
    for config in grid:
        proba, classes = _cv_proba(config, items, y, folds)
        scores.append((config, *accuracy(proba, classes, y)))
    best = max(scores, key=lambda s: (s[2], s[1]))
    return best[0], scores


def evaluate(records: list[dict], vectors: np.ndarray, grid: list[dict] | None = None) -> dict:
    """Figures on the frozen held-out split for the two settings: ministry given, text alone."""
    from sklearn.model_selection import KFold

    from . import addressee, rubrique
    keep = [i for i, r in enumerate(records) if r.get("rubrique") and r.get("text")]
    recs = [records[i] for i in keep]
    vecs = vectors[keep]
    y = np.array([r["rubrique"] for r in recs])
    te = np.array([held_out(r["id"]) for r in recs])
    tr_i, te_i = np.where(~te)[0], np.where(te)[0]
    inferred = [addressee.ministry(r["text"], r.get("date")) for r in recs]
    grid = grid or [{"C": C, "tfidf": t, "ministry": m} for C in (30.0, 100.0, 300.0) for t in (0.5, 1.0)
                    for m in (1.0,)]
    out: dict[str, Any] = {"n": len(y), "held_out": len(te_i), "rubriques": len(set(y)), "systems": [], "tuning": {}}
    texts = [r["text"] for r in recs]
    for name, proba, classes in _baselines([texts[i] for i in tr_i], list(y[tr_i]), [texts[i] for i in te_i]):
        out["systems"].append((name, *accuracy(proba, classes, y[te_i])))
    for with_minister in (False, True):
        pairs = [(r["text"], r.get("minister") or "") for r in recs]
        pipe = rubrique.train([pairs[i] for i in tr_i], list(y[tr_i]), with_minister=with_minister)
        out["systems"].append((f"today's TF-IDF model, {'text + ministry' if with_minister else 'text only'}",
                               *accuracy(rubrique.probabilities(pipe, [pairs[i] for i in te_i]), pipe.classes_,
                                         y[te_i])))
    for setting, ministries in (("E5, ministry given", [r.get("minister") for r in recs]),
                                ("E5, text alone (ministry inferred)", inferred)):
        items = [Item(r["text"], m, v) for r, m, v in zip(recs, ministries, vecs)]
        tr_items = [items[i] for i in tr_i]
        config, scores = tune(tr_items, y[tr_i], grid)
        folds = list(KFold(5, shuffle=True, random_state=SEED).split(tr_i))
        cv_proba, cv_classes = _cv_proba(config, tr_items, y[tr_i], folds)
        conf = cv_proba.max(axis=1)
        threshold = calibrate(conf, cv_classes[cv_proba.argmax(axis=1)] == y[tr_i])
        pipe = build_pipeline(**config).fit(tr_items, y[tr_i])
        proba = pipe.predict_proba([items[i] for i in te_i])
        a1, a3 = accuracy(proba, pipe.classes_, y[te_i])
        top = proba.max(axis=1)
        shown = top >= threshold
        hit = pipe.classes_[proba.argmax(axis=1)] == y[te_i]
        out["systems"].append((setting, a1, a3))
        out["tuning"][setting] = {"config": config, "cv": scores, "threshold": threshold,
                                  "shown": float(shown.mean()),
                                  "precision_shown": float(hit[shown].mean()) if shown.any() else None}
    return out


def main(argv=None) -> int:
    import argparse
    import json

    from threadpoolctl import threadpool_limits
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", default=None, help="folder for records.json / passages.npy (e.g. /tmp/...)")
    args = parser.parse_args(argv)
    from pathlib import Path

    from . import sources
    cache = Path(args.cache) if args.cache else None
    if cache and (cache / "records.json").is_file():
        records = json.loads((cache / "records.json").read_text(encoding="utf-8"))
    else:
        records = sources.an_records()
    if cache and (cache / "passages.npy").is_file():
        vectors = np.load(cache / "passages.npy")
    else:
        vectors = encoder.embed_passages([r["text"] or "" for r in records])
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "records.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        np.save(cache / "passages.npy", vectors)
    with threadpool_limits(limits=1):
        res = evaluate(records, vectors)
    print(f"{res['n']} AN questions, {res['rubriques']} rubriques; held out {res['held_out']} (sha1(id)[0] in 0-3)")
    for name, a1, a3 in res["systems"]:
        print(f"  {name:<45} acc@1={a1:.3f} acc@3={a3:.3f}")
    for setting, t in res["tuning"].items():
        print(f"{setting}: tuned {t['config']} (5-fold CV on the rest)")
        for config, a1, a3 in t["cv"]:
            print(f"    cv {config} acc@1={a1:.3f} acc@3={a3:.3f}")
        prec = "n/a" if t["precision_shown"] is None else f"{t['precision_shown']:.3f}"
        print(f"    threshold {t['threshold']:.3f} (CV top-1 precision >= {TARGET_PRECISION}): held-out shown "
              f"{t['shown']:.1%}, precision of shown {prec}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
