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
from . import requests as request_rules
from . import rules as rule_layer
from .text import split_sentences

TAXONOMIES = ("tdi", "rubrique")
MODEL_VERSION = "1.5"  # rubrique: TF-IDF (+ E5 when embedded), kNN of past questions, late fusion, titles and answers as rows
TDI_MODEL_VERSION = "2.10"  # tdi: request clauses, TF-IDF + theme cues + E5, synthetic clauses x2, gate, rule layer (request_model.py, rules.toml; 2.7: three more families; 2.8: funding; 2.9: for_all narrowed, left_out; 2.10: question model on the joined request clauses)


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
    layer = (meta.get("training") or {}).get("rule_layer") if meta.get("taxonomy") == "tdi" else None
    if layer and layer.get("sha1") != rule_layer.file_sha1():
        raise ModelError(f"theme model {path} was trained with another {rule_layer.RULES_FILE.name} than the one "
                         f"installed: run `tdi-nlp train --taxonomy tdi` to rebuild it")
    recorded_requests = (meta.get("training") or {}).get("requests") if meta.get("taxonomy") == "tdi" else None
    if recorded_requests and recorded_requests.get("sha1") != request_rules.file_sha1():
        raise ModelError(f"theme model {path} was trained on the request clauses of another "
                         f"{request_rules.RULES_FILE.name} than the one installed: run `tdi-nlp train --taxonomy tdi` "
                         f"to rebuild it")
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
    if meta.get("encoder") and taxonomy == "tdi" and not model.get("text"):
        encoder.model()  # a model on the encoder loads it now, not on the first text (rubrique: only if it embeds;
        # tdi: not when it has a text-only path, which extraction takes)
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
    model's E5 part joins the TF-IDF ones, with its own threshold; tdi: with ``embed`` the request clauses are
    embedded and the model's E5 path scores them, else its text-only path.
    """
    vectors = None
    if taxonomy == "rubrique":
        if vector is None and embed and (text or "").strip() and "e5" in load(taxonomy, models_dir)["model"]:
            vector = encoder.embed_passages([text or ""])[0]
        vectors = None if vector is None else [vector]
    return classify_batch([(text, minister, date)], taxonomy, top, models_dir, min_score, vectors, embed)[0]


def classify_batch(items: list[tuple[str, str | None, str | None]], taxonomy: str = "tdi", top: int = 3,
                   models_dir: str | None = None, min_score: float | None = None,
                   vectors: list | None = None, embed: bool = False) -> list[list[dict]]:
    """``classify`` of each (text, minister, date), with the E5 passage vectors of the texts when given: the
    rubrique models run once over all the texts and once over all their sentences (the same probabilities as text
    by text, in a few calls). tdi: ``embed`` takes the E5 path; ``vectors`` then gives, per text, the E5 vectors of
    its request clauses (themes.vectors.clause_vectors, as extraction computes them) or None to embed them now."""
    out: list[list[dict]] = [[] for _ in items]
    todo: list[tuple[int, str, list[tuple[int, int]], str | None, bool]] = []
    if taxonomy == "tdi":
        return _classify_tdi(load(taxonomy, models_dir), [text or "" for text, _, _ in items], embed, vectors)
    for n, (text, minister, date) in enumerate(items):
        text = text or ""
        spans = _sentences(text)
        if not spans:
            continue
        loaded = load(taxonomy, models_dir)
        given = bool(minister)
        if not minister:
            from .addressee import ministry
            minister = ministry(text, date)
        todo.append((n, text, spans, minister, given))
    if todo:
        loaded = load(taxonomy, models_dir)
        thresholds = loaded["meta"].get("thresholds") or {}
        vecs = None if vectors is None else np.asarray([vectors[t[0]] for t in todo], dtype=np.float32)
        for k, found in enumerate(_classify_rubrique(loaded, todo, top, vecs)):
            n, given = todo[k][0], todo[k][4]
            key = rub_model.setting(given, vecs, loaded["model"])
            floor = min_score if min_score is not None else float(thresholds.get(key, 0.0))
            out[n] = [t for t in found if t["score"] >= floor]
    return out


def _item(theme, code, score, text, span) -> dict:
    s, e = span
    return {"theme": theme, "code": code, "score": round(float(score), 4), "evidence": text[s:e], "start": s, "end": e}


def _classify_tdi(loaded, texts: list[str], embed: bool = False, clause_vecs=None) -> list[list[dict]]:
    """The tdi themes of each text, the request clauses of all of them scored at once."""
    found = request_model.predict_batch(loaded["model"], texts, embed, clause_vecs)
    return [[_item(tdi_model.THEMES[code], code, score, text, (req.start, req.end)) for code, score, req in got]
            for text, got in zip(texts, found)]


def _classify_rubrique(loaded, todo, top, vectors=None) -> list[list[dict]]:
    """The top rubriques of each (index, text, sentence spans, ministry, given) of todo, with their evidence;
    ``vectors``: the E5 vectors of the todo texts, in order, or None."""
    pipe = loaded["model"]["pipeline"]
    whole = np.zeros((len(todo), len(pipe.classes_)))
    for given in (True, False):
        rows = [k for k, t in enumerate(todo) if t[4] == given]
        if rows:
            pairs = [(todo[k][1], todo[k][3] or "") for k in rows]
            whole[rows] = rub_model.suggestion_proba(loaded["model"], pairs, given,
                                                     None if vectors is None else vectors[rows])
    per_sent = rub_model.probabilities(pipe, [(text[s:e], minister or "") for _, text, spans, minister, _ in todo
                                              for s, e in spans])
    out, first = [], 0
    for k, (_, text, spans, _, _) in enumerate(todo):
        sent = per_sent[first:first + len(spans)]
        first += len(spans)
        found = []
        for c in np.argsort(-whole[k])[:top]:
            i = int(np.argmax(sent[:, c]))
            found.append(_item(str(pipe.classes_[c]), str(pipe.classes_[c]), whole[k][c], text, spans[i]))
        out.append(found)
    return out
