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
from . import model as tdi_model
from . import rubrique as rub_model
from . import sources
from .classifier import MODEL_VERSION, load, meta_path, model_path
from .dataset import SENTENCES, labels_path, load_examples


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
    examples = load_examples(SENTENCES)
    model = tdi_model.train([e.text for e in examples], [e.labels for e in examples], [e.group for e in examples])
    counts = Counter(lab for e in examples for lab in e.labels)
    meta = {
        "name": "themes-tdi", "version": MODEL_VERSION, "taxonomy": "tdi", "multi_label": True,
        "labels": [{"code": c, "name": n} for c, n in tdi_model.THEMES.items()],
        "thresholds": model["thresholds"],
        "training": {
            "examples": len(examples), "label_counts": {c: counts.get(c, 0) for c in tdi_model.LABELS},
            "no_label": sum(1 for e in examples if not e.labels),
            "references": [f"models/labels/{SENTENCES}"],
            "annotation": "round 1-4: two independent annotations (A1, A2), disagreements adjudicated; "
                          "round 5: one annotation (see GUIDE.md)",
            "references_sha1": hashlib.sha1(labels_path(SENTENCES).read_bytes()).hexdigest(),
            "unit": "sentence", "seed": tdi_model.SEED, "thresholds_from": "out-of-fold GroupKFold(5) by document",
        },
        "model": "TF-IDF words 1-2 + theme cues + mean spaCy word vector -> one-vs-rest logistic regression "
                 f"(C={tdi_model.C})",
        "vectors": tdi_model.VECTORS,
        "sklearn": sklearn.__version__,
    }
    return _save(model, meta, "tdi", models_dir)


def train_rubrique(models_dir: Path) -> Path:
    records = sources.an_records()
    pairs, labels = rub_model.training_data(records)
    pipe = rub_model.train(pairs, labels)
    meta = {
        "name": "themes-rubrique", "version": MODEL_VERSION, "taxonomy": "rubrique", "multi_label": False,
        "labels": [{"code": c, "name": c} for c in pipe.classes_],
        "training": {"examples": len(labels), "source": sources.AN_DIR, "seed": rub_model.SEED,
                     "features": "question text + ministry questioned (weight %.1f)" % rub_model.MINISTER_WEIGHT},
        "model": "TF-IDF words (question) + TF-IDF words (ministry) -> multinomial logistic regression",
        "sklearn": sklearn.__version__,
    }
    return _save({"pipeline": pipe}, meta, "rubrique", models_dir)


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
