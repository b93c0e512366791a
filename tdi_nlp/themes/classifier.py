"""Loading the trained models and classifying texts with them."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import sklearn

from ..config import settings
from ..errors import ModelError, ModelMissing
from .. import encoder
from . import model as tdi_model
from . import request_model
from . import rubrique as rub_model
from .text import split_sentences

TAXONOMIES = ("tdi", "rubrique")
MODEL_VERSION = "1.3"  # rubrique: TF-IDF (+ E5 when the text is embedded), late fusion, calibrated thresholds
TDI_MODEL_VERSION = "2.2"  # tdi: request clauses, TF-IDF + theme cues (request_model.py)


def model_path(taxonomy: str, models_dir: Path | str | None = None) -> Path:
    return Path(models_dir or settings.models_dir) / f"themes-{taxonomy}.joblib"


def meta_path(taxonomy: str, models_dir: Path | str | None = None) -> Path:
    return model_path(taxonomy, models_dir).with_suffix(".json")


def check_compatible(meta: dict, path: Path) -> None:
    """ModelError unless the scikit-learn major.minor recorded with the model is the installed one."""
    recorded, installed = str(meta.get("sklearn", "")), sklearn.__version__
    if recorded.split(".")[:2] != installed.split(".")[:2]:
        raise ModelError(f"theme model {path} was trained with scikit-learn {recorded or '(unrecorded)'} but "
                         f"{installed} is installed: install scikit-learn {recorded} or run `tdi-nlp train` to "
                         f"rebuild it")
    if meta.get("taxonomy") == "tdi" and meta.get("version") != TDI_MODEL_VERSION:
        raise ModelError(f"theme model {path} is version {meta.get('version')}, this tdi-nlp needs "
                         f"{TDI_MODEL_VERSION}: run `tdi-nlp train --taxonomy tdi` to rebuild it")
    if meta.get("taxonomy") == "rubrique" and meta.get("version") != MODEL_VERSION:
        raise ModelError(f"theme model {path} is version {meta.get('version')}, this tdi-nlp needs "
                         f"{MODEL_VERSION}: run `tdi-nlp train --taxonomy rubrique` to rebuild it")
    if meta.get("encoder") and meta["encoder"] != encoder.ENCODER_TAG:
        raise ModelError(f"theme model {path} was trained on the encoder {meta['encoder']} but "
                         f"{encoder.ENCODER_TAG} is installed: run `tdi-nlp train --taxonomy "
                         f"{meta.get('taxonomy', 'tdi')}` to rebuild it")


@lru_cache(maxsize=4)
def load(taxonomy: str, models_dir: str | None = None) -> dict:
    """{"model": ..., "meta": {...}} of a taxonomy; raises ModelError (ModelMissing) telling how to fix it."""
    if taxonomy not in TAXONOMIES:
        raise ValueError(f"unknown taxonomy {taxonomy!r}; choose one of {', '.join(TAXONOMIES)}")
    path, meta_file = model_path(taxonomy, models_dir), meta_path(taxonomy, models_dir)
    if not path.is_file() or not meta_file.is_file():
        missing = path if not path.is_file() else meta_file
        raise ModelMissing(f"theme model {missing} is missing: run `tdi-nlp train` (needs ../shared) to build it")
    import joblib
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelError(f"theme model metadata {meta_file} is unreadable ({exc}): run `tdi-nlp train`") from exc
    check_compatible(meta, path)
    try:
        model = joblib.load(path)
    except Exception as exc:  # a truncated or foreign pickle
        raise ModelError(f"theme model {path} cannot be loaded ({type(exc).__name__}: {exc}): run `tdi-nlp train` "
                         f"to rebuild it") from exc
    if meta.get("encoder") and taxonomy == "tdi":
        encoder.model()  # a model on the encoder loads it now, not on the first text (rubrique: only if it embeds)
    return {"model": model, "meta": meta}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = split_sentences(text)
    if not spans and text.strip():
        s = len(text) - len(text.lstrip())
        spans = [(s, len(text.rstrip()))]
    return spans


def classify(text: str, taxonomy: str = "tdi", minister: str | None = None, top: int = 3,
             models_dir: str | None = None, date: str | None = None, min_score: float | None = None,
             embed: bool = False, vector=None) -> list[dict]:
    """Themes of text: ``[{"theme", "code", "score", "evidence", "start", "end"}]``, best first.

    tdi: the themes of the question's request clauses (requests.find_requests): every theme whose best clause
    probability reaches the theme's threshold; the evidence is that clause. No request clause: no theme.
    rubrique: the top ``top`` rubriques for the whole text with the ministry questioned (given, else read from the
    text's addressee at ``date``), those below the model's calibrated threshold left out (``min_score`` overrides
    it; 0 keeps them all); the evidence is the sentence that, alone, scores highest for that rubrique. With the
    E5 passage ``vector`` of the text, or ``embed`` (the text is embedded now: interactive use, not extraction), the
    model's E5 part joins the TF-IDF ones, with its own threshold.
    """
    text = text or ""
    spans = _sentences(text)
    if not spans:
        return []
    sents = [text[s:e] for s, e in spans]
    loaded = load(taxonomy, models_dir)
    if taxonomy == "tdi":
        return _classify_tdi(loaded, text)
    given = bool(minister)
    if not minister:
        from .addressee import ministry
        minister = ministry(text, date)
    if vector is None and embed and "e5" in loaded["model"]:
        vector = encoder.embed_passages([text])[0]
    vectors = None if vector is None else np.asarray(vector, dtype=np.float32)[None, :]
    if min_score is None:
        key = rub_model.setting(given, vectors, loaded["model"])
        min_score = float((loaded["meta"].get("thresholds") or {}).get(key, 0.0))
    found = _classify_rubrique(loaded, text, spans, sents, minister, top, given, vectors)
    return [t for t in found if t["score"] >= min_score]


def _item(theme, code, score, text, span) -> dict:
    s, e = span
    return {"theme": theme, "code": code, "score": round(float(score), 4), "evidence": text[s:e], "start": s, "end": e}


def _classify_tdi(loaded, text) -> list[dict]:
    return [_item(tdi_model.THEMES[code], code, score, text, (req.start, req.end))
            for code, score, req in request_model.predict(loaded["model"], text)]


def _classify_rubrique(loaded, text, spans, sents, minister, top, given, vectors=None) -> list[dict]:
    pipe = loaded["model"]["pipeline"]
    whole = rub_model.suggestion_proba(loaded["model"], [(text, minister or "")], given, vectors)[0]
    per_sent = rub_model.probabilities(pipe, [(s, minister or "") for s in sents])
    out = []
    for k in np.argsort(-whole)[:top]:
        i = int(np.argmax(per_sent[:, k]))
        out.append(_item(str(pipe.classes_[k]), str(pipe.classes_[k]), whole[k], text, spans[i]))
    return out
