"""``tdi-nlp eval rubriques``: accuracy@1 and @3 of the AN rubrique suggestions, and the calibrated threshold.

The 532 labeled AN questions au gouvernement of ../shared (question text = the deputy's turns). Frozen held-out
split (``rubrique.held_out``: sha1(id) starts with 0-3, 148 questions, fixed before the E5 prototype was tuned);
every model is trained on the rest only. Compared with the majority class and plain TF-IDF + logistic regression.
The shipped model with the ministry questioned (AN metadata), and from the text alone (the ministry read from the
text's addressee, mixed with a text-only model: rubrique.suggestion_proba), with its two parts apart. Then the threshold: calibrated on 5-fold out-of-fold predictions of the
training part (precision@1 >= 0.8 there), applied to the held-out part: the share of questions shown a suggestion
(coverage) and the precision@1 of those shown. ``--e5 DIR`` adds the E5 prototype (themes/rubrique_e5.py) from
vectors cached in DIR by ``python -m tdi_nlp.themes.rubrique_e5 --cache DIR`` (embedding the 533 questions takes
about 15 minutes on this machine).
"""
from __future__ import annotations

import numpy as np

NAME = "rubriques"
HELP = "AN rubrique suggestions: accuracy@1/@3 and calibrated coverage vs majority class and TF-IDF + LR"


def add_arguments(parser) -> None:
    parser.add_argument("--e5", metavar="DIR", help="also the E5 prototype, with passage vectors cached in DIR")


def _acc(proba: np.ndarray, classes, gold) -> tuple[float, float]:
    classes = np.asarray(classes)
    top = classes[np.argsort(-proba, axis=1)[:, :3]]
    gold = np.asarray(gold)
    return float(np.mean(top[:, 0] == gold)), float(np.mean([g in row for g, row in zip(gold, top)]))


def _baselines(tr_text, tr_y, te_text):
    from collections import Counter

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    ranked = [c for c, _ in Counter(tr_y).most_common()]
    major = np.zeros((len(te_text), len(ranked)))
    major[:, :3] = [3, 2, 1][: min(3, len(ranked))]
    plain = make_pipeline(TfidfVectorizer(), LogisticRegression(C=10, max_iter=3000)).fit(tr_text, tr_y)
    return [("majority class", major, ranked), ("plain TF-IDF + LR C=10 (text)", plain.predict_proba(te_text),
                                                 plain.classes_)]


def _e5(cache: str, recs: list[dict], tr_i, te_i, y, ministries) -> tuple[float, float]:
    import json
    from pathlib import Path

    from ..themes import rubrique_e5 as e5
    ids = [r["id"] for r in json.loads((Path(cache) / "records.json").read_text(encoding="utf-8"))]
    vecs = dict(zip(ids, np.load(Path(cache) / "passages.npy")))
    items = [e5.Item(r["text"], m, vecs.get(r["id"])) for r, m in zip(recs, ministries)]
    pipe = e5.build_pipeline().fit([items[i] for i in tr_i], y[tr_i])
    return _acc(pipe.predict_proba([items[i] for i in te_i]), pipe.classes_, y[te_i])


def run(args) -> int:
    from threadpoolctl import threadpool_limits

    from ..config import settings
    from ..themes import addressee, sources
    from ..themes import rubrique as rub

    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"eval rubriques: ../shared is absent ({settings.shared_dir}); nothing to evaluate")
        return 0
    recs = [r for r in sources.an_records() if r.get("rubrique") and r.get("text")]
    y = np.array([r["rubrique"] for r in recs])
    te = np.array([rub.held_out(r["id"]) for r in recs])
    tr_i, te_i = np.where(~te)[0], np.where(te)[0]
    texts = [r["text"] for r in recs]
    given = [r.get("minister") or "" for r in recs]
    inferred = [addressee.ministry(r["text"], r.get("date")) or "" for r in recs]
    print(f"{len(y)} AN questions, {len(set(y))} rubriques; held out {len(te_i)} (sha1(id)[0] in 0-3, frozen); "
          f"ministry read from the addressee for {sum(1 for m in inferred if m)}")
    with threadpool_limits(limits=1):
        rows = [(name, *_acc(p, c, y[te_i]))
                for name, p, c in _baselines([texts[i] for i in tr_i], list(y[tr_i]), [texts[i] for i in te_i])]
        tr_pairs = [(texts[i], given[i]) for i in tr_i]
        model = rub.fit(tr_pairs, list(y[tr_i]))
        pipe = model["pipeline"]
        probas = {}
        for name, ministries, is_given in (
                ("model, text + ministry given", given, True),
                ("model, text alone (shipped: inferred, mixed)", inferred, False),
                ("  ministry model, inferred ministry", inferred, True),
                ("  text-only model", [""] * len(recs), False)):
            probas[name] = rub.suggestion_proba(model, [(texts[i], ministries[i]) for i in te_i], is_given)
            rows.append((name, *_acc(probas[name], pipe.classes_, y[te_i])))
        if args.e5:
            rows.append(("E5 prototype, ministry given", *_e5(args.e5, recs, tr_i, te_i, y, given)))
            rows.append(("E5 prototype, ministry inferred", *_e5(args.e5, recs, tr_i, te_i, y, inferred)))
        for name, a1, a3 in rows:
            print(f"  {name:<46} acc@1={a1:.3f} acc@3={a3:.3f}")
        print(f"calibrated threshold (5-fold out-of-fold on the {len(tr_i)} training questions, precision@1 >= "
              f"{rub.TARGET_PRECISION} there), applied to the held-out questions:")
        for setting, name, scored in (("given", "model, text + ministry given", given),
                                      ("inferred", "model, text alone (shipped: inferred, mixed)", inferred)):
            oof, classes = rub.out_of_fold(tr_pairs, list(y[tr_i]), 5, [(texts[i], scored[i]) for i in tr_i],
                                           given=setting == "given")
            t = rub.calibrate(oof.max(axis=1), classes[oof.argmax(axis=1)] == y[tr_i])
            p = probas[name]
            shown = p.max(axis=1) >= t
            hit = pipe.classes_[p.argmax(axis=1)] == y[te_i]
            prec = f"{hit[shown].mean():.3f}" if shown.any() else "n/a"
            print(f"  {name:<46} threshold {t:.3f}: coverage {shown.mean():.1%} ({int(shown.sum())}/{len(te_i)}), "
                  f"precision@1 of shown {prec} (all: {hit.mean():.3f})")
    return 0
