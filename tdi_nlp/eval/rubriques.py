"""``tdi-nlp eval rubriques``: accuracy@1 and @3 of the AN rubrique suggestions.

The 532 labeled AN questions au gouvernement of ../shared (question text = the deputy's turns); held-out split
(25 %, fixed seed), plus the mean over a 5-fold cross-validation for stability. Compared with the majority class(es)
and plain TF-IDF + logistic regression on the text. The ministry questioned is an input of the model (known when
the question is asked); the text-only variant is shown too.
"""
from __future__ import annotations

import numpy as np

NAME = "rubriques"
HELP = "AN rubrique suggestions: accuracy@1/@3 vs majority class and plain TF-IDF + logistic regression"


def add_arguments(parser) -> None:
    parser.add_argument("--seed", type=int, default=13, help="split seed (default 13)")
    parser.add_argument("--test-size", type=float, default=0.25)
    parser.add_argument("--no-cv", action="store_true", help="only the held-out split")


def _acc(proba: np.ndarray, classes, gold) -> tuple[float, float]:
    classes = np.asarray(classes)
    top = classes[np.argsort(-proba, axis=1)[:, :3]]
    gold = np.asarray(gold)
    return float(np.mean(top[:, 0] == gold)), float(np.mean([g in row for g, row in zip(gold, top)]))


def _systems():
    from collections import Counter

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from ..themes import rubrique as rub

    def majority(tr_pairs, tr_y, te_pairs):
        ranked = [c for c, _ in Counter(tr_y).most_common()]
        proba = np.zeros((len(te_pairs), len(ranked)))
        proba[:, :3] = [3, 2, 1][: min(3, len(ranked))]
        return proba, ranked

    def plain(tr_pairs, tr_y, te_pairs):
        p = make_pipeline(TfidfVectorizer(), LogisticRegression(C=10, max_iter=3000))
        p.fit([t for t, _ in tr_pairs], tr_y)
        return p.predict_proba([t for t, _ in te_pairs]), p.classes_

    def ours(with_minister):
        def fit(tr_pairs, tr_y, te_pairs):
            p = rub.train(tr_pairs, tr_y, with_minister=with_minister)
            return rub.probabilities(p, te_pairs), p.classes_
        return fit

    return [("majority class", majority), ("plain TF-IDF + LR C=10 (text)", plain),
            ("model, text only", ours(False)), ("model, text + ministry", ours(True))]


def run(args) -> int:
    from sklearn.model_selection import KFold, train_test_split
    from threadpoolctl import threadpool_limits

    from ..config import settings
    from ..themes import rubrique as rub
    from ..themes import sources

    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"eval rubriques: ../shared is absent ({settings.shared_dir}); nothing to evaluate")
        return 0
    pairs, label_list = rub.training_data(sources.an_records())
    labels = np.asarray(label_list)
    idx = np.arange(len(labels))
    tr, te = train_test_split(idx, test_size=args.test_size, random_state=args.seed)
    splits = [("held-out", [(tr, te)])]
    if not args.no_cv:
        splits.append(("5-fold CV mean", list(KFold(5, shuffle=True, random_state=args.seed).split(idx))))
    print(f"{len(labels)} AN questions, {len(set(labels))} rubriques; held-out {len(te)} (seed {args.seed})")
    with threadpool_limits(limits=1):
        for title, folds in splits:
            print(title)
            for name, fit in _systems():
                accs = []
                for a, b in folds:
                    proba, classes = fit([pairs[i] for i in a], list(labels[a]), [pairs[i] for i in b])
                    accs.append(_acc(proba, classes, labels[b]))
                a1, a3 = np.mean(accs, axis=0)
                print(f"  {name:<30} acc@1={a1:.3f} acc@3={a3:.3f}")
    return 0
