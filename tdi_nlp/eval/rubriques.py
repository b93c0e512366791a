"""``tdi-nlp eval rubriques``: accuracy@1 and @3 of the AN rubrique suggestions, and the calibrated threshold.

The 532 labeled AN questions au gouvernement of ../shared (question text = the deputy's turns). Frozen held-out
split (``rubrique.held_out``: sha1(id) starts with 0-3, 148 questions, fixed before the E5 prototype was tuned);
every model is trained on the rest only. Compared with the majority class and plain TF-IDF + logistic regression.
The shipped model with the ministry questioned (AN metadata), and from the text alone (the ministry read from the
text's addressee, mixed with a text-only model: rubrique.suggestion_proba), with its two parts apart. Then the threshold: calibrated on 5-fold out-of-fold predictions of the
training part (precision@1 >= 0.8 there), applied to the held-out part: the share of questions shown a suggestion
(coverage) and the precision@1 of those shown. ``--e5 DIR`` adds the settings with the E5 part (late fusion), from
vectors cached in DIR by ``python -m tdi_nlp.themes.rubrique_e5 --cache DIR`` (embedding the 533 questions takes
about 10 minutes on this machine; questions absent from the cache are embedded now). The models are trained with
the training questions' AN titles and answers as extra rows (``rubrique.Side``), never the held-out ones'; with
``--e5`` the E5 vectors of those titles are cached in DIR/titles.json + titles.npy (embedded once, about 20 s).
"""
from __future__ import annotations

import numpy as np

NAME = "rubriques"
HELP = "AN rubrique suggestions: accuracy@1/@3 and calibrated coverage vs majority class and TF-IDF + LR"


def add_arguments(parser) -> None:
    parser.add_argument("--e5", metavar="DIR", help="also the model with its E5 part, vectors cached in DIR")


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


def _vectors(cache: str, recs: list[dict]) -> np.ndarray:
    """E5 passage vectors of the records: those cached in DIR (by id, same text), the others embedded now."""
    import json
    from pathlib import Path

    from .. import encoder
    cached = json.loads((Path(cache) / "records.json").read_text(encoding="utf-8"))
    stored = {(r["id"], r["text"]): v for r, v in zip(cached, np.load(Path(cache) / "passages.npy"))}
    missing = [i for i, r in enumerate(recs) if (r["id"], r["text"]) not in stored]
    fresh = dict(zip(missing, encoder.embed_passages([recs[i]["text"] for i in missing])))
    return np.array([fresh[i] if i in fresh else stored[(r["id"], r["text"])] for i, r in enumerate(recs)],
                    dtype=np.float32)


def side_vectors(cache: str, ids: list[str], texts: list[str], name: str) -> np.ndarray:
    """E5 passage vectors of texts (titles or answers), cached in DIR/<name>.json + .npy by (id, text): those
    absent are embedded now and added to the cache."""
    import json
    from pathlib import Path

    from .. import encoder
    keys, vecs = Path(cache) / f"{name}.json", Path(cache) / f"{name}.npy"
    old = [tuple(k) for k in json.loads(keys.read_text(encoding="utf-8"))] if keys.is_file() else []
    stored = dict(zip(old, np.load(vecs))) if old else {}
    missing = [k for k in dict.fromkeys(zip(ids, texts)) if k not in stored]
    if missing:
        stored.update(zip(missing, encoder.embed_passages([t for _, t in missing])))
        keys.write_text(json.dumps(list(stored), ensure_ascii=False), encoding="utf-8")
        np.save(vecs, np.array(list(stored.values()), dtype=np.float32))
    return np.array([stored[k] for k in zip(ids, texts)], dtype=np.float32).reshape(len(ids), -1)


def run(args) -> int:
    from dataclasses import replace

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
    found = np.array([bool(m) for m in inferred])
    exact = np.array(inferred) == np.array(given)
    vecs = _vectors(args.e5, recs) if args.e5 else None
    seen = np.isin(y[te_i], y[tr_i])
    print(f"{len(y)} AN questions, {len(set(y))} rubriques; held out {len(te_i)} (sha1(id)[0] in 0-3, frozen)")
    print(f"ceiling: {seen.mean():.3f} of the held-out questions ({int(seen.sum())}/{len(te_i)}) have a rubrique "
          f"that some training question has (no model can suggest the others)")
    print(f"ministry read from the addressee: found for {found.mean():.1%}, equal to the AN ministry questioned for "
          f"{exact.mean():.1%} (training part {exact[tr_i].mean():.1%}, held out {exact[te_i].mean():.1%})")
    with threadpool_limits(limits=1):
        rows: list[tuple[str, tuple[float, float], tuple[float, float] | None, tuple[float, float]]] = [
            (name, _acc(p, c, y[te_i]), None, _acc(p[seen], c, y[te_i][seen]))
            for name, p, c in _baselines([texts[i] for i in tr_i], list(y[tr_i]), [texts[i] for i in te_i])]
        tr_pairs = [(texts[i], given[i]) for i in tr_i]
        tr_recs = [recs[i] for i in tr_i]  # the training questions' titles and answers, never the held-out ones'
        side = rub.side_data(tr_recs)
        if args.e5 and rub.E5_TITLE_WEIGHT:
            side = replace(side, title_vectors=side_vectors(args.e5, [r["id"] for r in tr_recs], side.titles,
                                                            "titles"))
        if args.e5 and rub.E5_ANSWER_WEIGHT:
            side = replace(side, answer_vectors=side_vectors(args.e5, [r["id"] for r in tr_recs], side.answers,
                                                             "answers"))
        model = rub.fit(tr_pairs, list(y[tr_i]), None if vecs is None else vecs[tr_i], side=side)
        classes = model["pipeline"].classes_
        settings_ = [(True, None), (False, None)] + ([(True, vecs), (False, vecs)] if vecs is not None else [])
        shown_rows = []
        for is_given, v in settings_:
            key = rub.setting(is_given, v)
            ministries = given if is_given else inferred
            name = f"model {key} ({'ministry given' if is_given else 'text alone'})"
            p = rub.suggestion_proba(model, [(texts[i], ministries[i]) for i in te_i], is_given,
                                     None if v is None else v[te_i])
            oof, oof_classes = rub.out_of_fold(tr_pairs, list(y[tr_i]), 5, [(texts[i], ministries[i]) for i in tr_i],
                                               is_given, None if v is None else v[tr_i], side)
            cv = _acc(oof, oof_classes, y[tr_i])
            rows.append((name, _acc(p, classes, y[te_i]), cv, _acc(p[seen], classes, y[te_i][seen])))
            t = rub.calibrate(oof.max(axis=1), oof_classes[oof.argmax(axis=1)] == y[tr_i])
            shown = p.max(axis=1) >= t
            hit = classes[p.argmax(axis=1)] == y[te_i]
            prec = f"{hit[shown].mean():.3f}" if shown.any() else "n/a"
            shown_rows.append(f"  {name:<42} threshold {t:.3f}: coverage {shown.mean():.1%} "
                              f"({int(shown.sum())}/{len(te_i)}), precision@1 of shown {prec} (all: {hit.mean():.3f})")
        print(f"held-out acc@1 / acc@3 [over the {int(seen.sum())} under the ceiling] (5-fold CV on the {len(tr_i)} "
              f"training questions in brackets):")
        for name, (a1, a3), cv_, (s1, s3) in rows:
            extra = f"  (CV {cv_[0]:.3f} / {cv_[1]:.3f})" if cv_ else ""
            print(f"  {name:<42} acc@1={a1:.3f} acc@3={a3:.3f} [{s1:.3f} / {s3:.3f}]{extra}")
        print(f"calibrated threshold (5-fold out-of-fold on the training questions, precision@1 >= "
              f"{rub.TARGET_PRECISION} there), applied to the held-out questions:")
        print("\n".join(shown_rows))
    return 0
