"""``tdi-nlp train``: rebuild the theme models into tdi_nlp/models/ of the checkout from ../shared and the label
files of the checkout, reproducibly (fixed seeds)."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import sklearn
from threadpoolctl import threadpool_limits

from ..config import checkout_path, settings
from .. import encoder
from . import model as tdi_model
from . import request_model
from . import requests as request_rules
from . import rules as rule_layer
from . import rubrique as rub_model
from . import sources
from .classifier import MODEL_VERSION, TDI_MODEL_VERSION, load, meta_path, model_path
from .dataset import labels_path


def _save(obj, meta: dict, taxonomy: str, models_dir: Path) -> Path:
    import joblib
    models_dir.mkdir(parents=True, exist_ok=True)
    path = model_path(taxonomy, models_dir)
    joblib.dump(obj, path, compress=3)
    meta["size_bytes"] = path.stat().st_size
    meta_path(taxonomy, models_dir).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load.cache_clear()
    return path


def train_tdi(models_dir: Path) -> Path:
    questions = request_model.load_questions("train")
    model = request_model.train_shipped(questions)
    syn_texts, _ = request_model.load_synthetic()
    counts = Counter(lab for q in questions for lab in q.labels)
    clauses, _, _ = request_model.clauses_of(questions)
    meta = {
        "name": "themes-tdi", "version": TDI_MODEL_VERSION, "taxonomy": "tdi", "multi_label": True,
        "labels": [{"code": c, "name": n} for c, n in tdi_model.THEMES.items()],
        "thresholds": model["thresholds"],
        "thresholds_text_path": model["text"]["thresholds"] if model.get("text") else None,
        "training": {
            "examples": len(questions), "clauses": len(clauses),
            "label_counts": {c: counts.get(c, 0) for c in request_model.LABELS},
            "no_label": sum(1 for q in questions if not q.labels),
            "references": [f"models/labels/{request_model.REFERENCES}"], "split": "train",
            "synthetic": {"files": [f"models/labels/{n}" for n in request_model.SYNTHETIC_FILES],
                          "clauses": len(syn_texts),
                          "weight": request_model.SYN_WEIGHT, "used": "training parts only, never validation",
                          "sha1": [hashlib.sha1(labels_path(n).read_bytes()).hexdigest()
                                   for n in request_model.SYNTHETIC_FILES]},
            "annotation": "question level, two rounds by one kind of annotator, blind self-rechecks of 40 and 20 "
                          "(see GUIDE.md)",
            "references_sha1": hashlib.sha1(labels_path(request_model.REFERENCES).read_bytes()).hexdigest(),
            "unit": "request clause (themes/requests.py); question = union over its clauses",
            "requests": {"file": "tdi_nlp/resources/themes/requests.toml", "sha1": request_rules.file_sha1()},
            "seed": request_model.SEED,
            "rule_layer": ({"file": "tdi_nlp/themes/rules.toml", "families": list(request_model.RULE_FAMILIES or []),
                            "add": bool(request_model.RULE_ADD), "veto": bool(request_model.RULE_VETO),
                            "sha1": rule_layer.file_sha1()}
                           if request_model.RULE_ADD or request_model.RULE_VETO else None),
            "thresholds_from": "out-of-fold question scores, GroupKFold(5) by document, train split",
            "question_model": ({"weight": model["question"]["weight"], "C": model["question"]["C"],
                                "input": "the question's request clauses joined (TF-IDF words 1-2)",
                                "mix": "(1 - weight) best clause score + weight question score; rule additions "
                                       "stay 1; no request clause: 0"}
                               if model.get("question") else None),
        },
        "model": request_model.describe(),
        "text_path": (request_model.describe(e5=0.0) + " (what extraction uses: no encoder call)"
                      if model.get("text") else None),
        "encoder": encoder.ENCODER_TAG if request_model.E5_WEIGHT else None,
        "sklearn": sklearn.__version__,
    }
    return _save(model, meta, "tdi", models_dir)


def train_rubrique(models_dir: Path, vectors=None, title_vectors=None, answer_vectors=None) -> Path:
    """The rubrique model with its E5 part, the questions' titles and answers as extra training rows
    (rub_model.Side); ``vectors``, ``title_vectors``, ``answer_vectors`` (E5 passage vectors of the texts, titles
    and answers of sources.an_records(), in order) spare embedding them again (about 10 minutes on 2 cores)."""
    records = sources.an_records()
    if vectors is None:
        vectors = encoder.embed_passages([r["text"] or "" for r in records])
    if title_vectors is None and rub_model.E5_TITLE_WEIGHT:
        title_vectors = encoder.embed_passages([rub_model.title_text(r.get("title")) for r in records])
    if answer_vectors is None and rub_model.E5_ANSWER_WEIGHT:
        answer_vectors = encoder.embed_passages([r.get("answer") or "" for r in records])
    keep = [i for i, r in enumerate(records) if r.get("rubrique") and r.get("text")]
    pairs, labels = rub_model.training_data(records)
    side = rub_model.side_data(records, title_vectors, answer_vectors)
    model = rub_model.fit(pairs, labels, vectors[keep], side=side)
    pipe = model["pipeline"]
    thresholds = rub_model.thresholds(records, vectors=vectors, title_vectors=title_vectors,
                                      answer_vectors=answer_vectors)
    meta = {
        "name": "themes-rubrique", "version": MODEL_VERSION, "taxonomy": "rubrique", "multi_label": False,
        "labels": [{"code": c, "name": c} for c in pipe.classes_],
        "training": {"examples": len(labels), "source": sources.AN_DIR, "seed": rub_model.SEED,
                     "features": "question text + ministry questioned (weight %.1f); E5 passage vector of the text"
                                 % rub_model.MINISTER_WEIGHT,
                     "extra_rows": "each question's AN title (weight %g, E5 %g) and answer (weight %g, E5 %g)"
                                   % (rub_model.TITLE_WEIGHT, rub_model.E5_TITLE_WEIGHT, rub_model.ANSWER_WEIGHT,
                                      rub_model.E5_ANSWER_WEIGHT)},
        "model": "late fusion of logistic regressions (balanced class weights): TF-IDF words + ministry, TF-IDF "
                 "words alone, E5 vector (C=%g), E5 likeness to the names, and the rubriques of the %d nearest "
                 "past questions and titles (TF-IDF cosine, temperature %g); weights (ministry, text, E5, names, "
                 "neighbours) per setting: %s"
                 % (rub_model.E5_C, rub_model.NEIGHBOURS, rub_model.NEIGHBOURS_TEMPERATURE,
                    json.dumps(rub_model.WEIGHTS)),
        "thresholds": thresholds,
        "thresholds_from": f"5-fold out-of-fold top-1 probabilities of the training data: lowest with top-1 "
                           f"precision >= {rub_model.TARGET_PRECISION}; 'given' with the AN ministry, 'inferred' "
                           f"with the ministry read from the text's addressee; '+e5' with the E5 part",
        "encoder": encoder.ENCODER_TAG,
        "sklearn": sklearn.__version__,
    }
    return _save(model, meta, "rubrique", models_dir)


def run(args) -> int:
    given = getattr(args, "models_dir", None)
    models_dir = Path(given) if given else checkout_path("tdi_nlp", "models")
    if not sources.shared_path(sources.AN_DIR).is_dir():
        print(f"tdi-nlp train: ../shared is absent ({settings.shared_dir}); the training data live there")
        return 4
    todo = [args.taxonomy] if getattr(args, "taxonomy", None) else ["tdi", "rubrique"]
    with threadpool_limits(limits=1):
        for taxonomy in todo:
            path = (train_tdi if taxonomy == "tdi" else train_rubrique)(models_dir)
            meta = json.loads(meta_path(taxonomy, models_dir).read_text(encoding="utf-8"))
            print(f"{taxonomy}: {path} ({meta['size_bytes'] / 1e6:.1f} MB, {meta['training']['examples']} examples, "
                  f"{len(meta['labels'])} labels)")
    return 0
