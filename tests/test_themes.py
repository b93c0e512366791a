"""Theme classifier (issue 5): API, evidence, thresholds, CLI, model metadata, spaCy component, references."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdi_nlp.config import settings

MODELS = settings.models_dir
REPO = Path(__file__).resolve().parent.parent
needs_models = pytest.mark.skipif(not (MODELS / "themes-tdi.joblib").is_file()
                                  or not (MODELS / "themes-rubrique.joblib").is_file(),
                                  reason="theme models absent: run `tdi-nlp train`")

QUESTION = ("M. le député attire l'attention du Gouvernement sur les Territoires d'industrie. "
            "Il souhaiterait connaître le calendrier de la signature des contrats et la date du versement des crédits. "
            "Il demande aussi quels territoires non listés pourront devenir éligibles et selon quels critères.")


def test_split_sentences_keeps_abbreviations():
    from tdi_nlp.themes.text import split_sentences
    text = "M. Dupont interroge Mme la ministre. Quand les contrats seront-ils signés ? Merci."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "M. Dupont interroge Mme la ministre.", "Quand les contrats seront-ils signés ?", "Merci."]


@needs_models
def test_classify_api_shape_and_evidence():
    import tdi_nlp
    themes = tdi_nlp.classify(QUESTION)
    assert themes, "expected at least one theme"
    codes = {t["code"] for t in themes}
    assert "calendrier" in codes and "eligibilite" in codes
    names = {"Calendrier", "Éligibilité", "Bénéficiaires", "Financement", "Mise en œuvre", "Bilan"}
    for t in themes:
        assert set(t) >= {"theme", "score", "evidence"}
        assert t["theme"] in names and 0.0 <= t["score"] <= 1.0
        assert QUESTION[t["start"]:t["end"]] == t["evidence"]
    scores = [t["score"] for t in themes]
    assert scores == sorted(scores, reverse=True)


@needs_models
def test_evidence_is_a_sentence_of_the_input():
    from tdi_nlp.themes import classify
    from tdi_nlp.themes.text import split_sentences
    sentences = {QUESTION[s:e] for s, e in split_sentences(QUESTION)}
    for t in classify(QUESTION):
        assert t["evidence"] in sentences
    cal = next(t for t in classify(QUESTION) if t["code"] == "calendrier")
    assert "calendrier" in cal["evidence"]


@needs_models
def test_thresholds_respected():
    from tdi_nlp.themes import classifier, model
    loaded = classifier.load("tdi")
    thresholds = loaded["model"]["thresholds"]
    text = QUESTION + " Le Gouvernement a engagé 1,36 milliard d'euros. Quel bilan en tirez-vous ?"
    got = {t["code"]: t["score"] for t in classifier.classify(text)}
    proba = model.sentence_scores(loaded["model"], [text[s:e] for s, e in classifier._sentences(text)]).max(axis=0)
    for j, code in enumerate(model.LABELS):
        if code in got:
            assert got[code] >= thresholds[code]
        else:
            assert proba[j] < thresholds[code]


@needs_models
def test_rubrique_ranked_top3_and_ministry():
    from tdi_nlp.themes import classify
    text = ("Monsieur le ministre, les prix de l'électricité et du gaz explosent et nos entreprises industrielles "
            "ne peuvent plus payer leurs factures d'énergie. Que comptez-vous faire pour les carburants ?")
    out = classify(text, taxonomy="rubrique", minister="Transition énergétique")
    assert len(out) == 3
    assert out[0]["score"] >= out[1]["score"] >= out[2]["score"]
    assert "énergie et carburants" in [t["theme"] for t in out]
    assert all(t["evidence"] in text for t in out)
    assert classify("", taxonomy="tdi") == []


@needs_models
def test_model_metadata():
    meta = json.loads((MODELS / "themes-tdi.json").read_text(encoding="utf-8"))
    assert meta["version"] and meta["taxonomy"] == "tdi"
    refs = meta["training"]["references"]
    assert any(r.endswith("tdi_labels_adjudicated.jsonl") for r in refs)
    assert all((REPO / r).is_file() for r in refs)
    assert [lab["code"] for lab in meta["labels"]] == ["calendrier", "eligibilite", "beneficiaires", "financement",
                                                       "mise_en_oeuvre", "bilan"]
    assert set(meta["thresholds"]) == {lab["code"] for lab in meta["labels"]}
    assert meta["training"]["examples"] >= 300
    assert (MODELS / "themes-tdi.joblib").stat().st_size < 8e6
    rub = json.loads((MODELS / "themes-rubrique.json").read_text(encoding="utf-8"))
    assert rub["version"] and len(rub["labels"]) > 50 and (MODELS / "themes-rubrique.joblib").stat().st_size < 8e6


@needs_models
def test_cli_json_lines(tmp_path):
    src = tmp_path / "q.jsonl"
    src.write_text(json.dumps({"id": "a", "text": QUESTION}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "b", "text": "Quel est le montant des crédits alloués ?"}) + "\n",
                   encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "tdi_nlp.cli", "classify", "--file", str(src), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "b"]
    assert all(isinstance(d["themes"], list) for d in lines)
    assert "financement" in {t["code"] for t in lines[1]["themes"]}


def test_missing_model_error(tmp_path):
    from tdi_nlp.themes import classifier
    with pytest.raises(classifier.ModelMissing, match="tdi-nlp train"):
        classifier.load("tdi", str(tmp_path))


@needs_models
def test_component_sets_doc_themes():
    from tdi_nlp.pipeline import build
    nlp = build(components=["tdi_themes"])
    text = "Question écrite.\n\n" + QUESTION + "\n\nRéponse du ministre : le calendrier sera publié."
    start = text.index(QUESTION)
    doc = nlp.make_doc(text)
    doc._.sections = [{"kind": "question", "start": start, "end": start + len(QUESTION), "title": None}]
    doc._.meta = {"minister_questioned": "Industrie"}
    doc = nlp(doc)
    themes = doc._.themes
    assert {t["taxonomy"] for t in themes} == {"tdi", "rubrique"}
    for t in themes:
        assert set(t) >= {"taxonomy", "theme", "score", "evidence", "start", "end"}
        assert doc.text[t["start"]:t["end"]] == t["evidence"]
        assert start <= t["start"] < t["end"] <= start + len(QUESTION)
    other = nlp("Un texte sans section de question.")
    assert other._.themes == []


def test_references_resolve_without_copies(shared_dir):
    from tdi_nlp.themes.dataset import load_references, resolve
    refs = load_references()
    assert len(refs) >= 300
    assert all("text" not in r and len(r["sha1"]) == 40 for r in refs)
    examples, problems = resolve(refs)
    assert not problems and len(examples) == len(refs)
    counts = {lab: sum(lab in e.labels for e in examples) for lab in
              ("calendrier", "eligibilite", "beneficiaires", "financement", "mise_en_oeuvre", "bilan")}
    assert min(counts.values()) >= 50


def test_cohen_kappa_values():
    import numpy as np
    from tdi_nlp.themes.agreement import agreement, cohen_kappa
    a = np.array([1, 1, 0, 0, 1, 0, 0, 0], dtype=bool)
    b = np.array([1, 0, 0, 0, 1, 0, 1, 0], dtype=bool)
    # po = 6/8, pe = 3/8*3/8 + 5/8*5/8 = 34/64 -> (0.75 - 0.53125) / 0.46875
    assert cohen_kappa(a, b) == pytest.approx((0.75 - 34 / 64) / (30 / 64))
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    rep = agreement(["x", "y"], [["x"], [], ["x", "y"]], [["x"], ["y"], ["x"]])
    assert rep["n"] == 3 and rep["exact"] == pytest.approx(1 / 3)
    assert rep["f1"] == pytest.approx(2 * 2 / (3 + 3))


def test_annotations_aligned_and_adjudicated_only_where_they_differ():
    from tdi_nlp.themes import agreement, dataset, model
    first, second = agreement.aligned(dataset.FIRST_FILE, dataset.SECOND_FILE)
    refs = dataset.load_references(dataset.LABELS_FILE)
    assert len(first) == len(second) == len(refs) >= 300
    agreement.aligned(dataset.FIRST_FILE, dataset.LABELS_FILE)  # same references, same order
    for a, b, r in zip(first, second, refs):
        assert "text" not in r and set(r["labels"]) <= set(model.LABELS)
        if set(a) == set(b):
            assert set(r["labels"]) == set(a) and not r.get("adjudicated")
        else:
            assert r.get("adjudicated") is True
    rep = agreement.report(model.LABELS)["first_vs_second"]
    assert 0.0 < rep["pooled_kappa"] <= 1.0 and set(rep["per_label"]) == set(model.LABELS)


def test_single_annotation_round_is_new_sentences_with_a_blind_check():
    from tdi_nlp.themes import agreement, dataset, model
    key = lambda r: (r["source"], r["doc"], r["sha1"])  # noqa: E731
    adjudicated = {key(r) for r in dataset.load_references(dataset.LABELS_FILE)}
    single = dataset.load_references(dataset.SINGLE_FILE)
    check = dataset.load_references(dataset.CHECK_FILE)
    assert single and not adjudicated & {key(r) for r in single}       # new sentences only
    assert len({key(r) for r in single}) == len(single)
    assert all("text" not in r and set(r["labels"]) <= set(model.LABELS) for r in single + check)
    assert {key(r) for r in check} <= adjudicated                         # the check re-labels known sentences
    assert agreement.report(model.LABELS)["single_vs_adjudicated"]["n"] == len(check)


@needs_models
def test_fast_scorer_matches_pipeline():
    import numpy as np
    from tdi_nlp.themes import classifier, model
    loaded = classifier.load("tdi")["model"]
    sents = ["Quand les contrats seront-ils signés ?", "Le fonds est doté de 500 millions d'euros.",
             "Les entreprises de moins de 50 salariés sont désormais éligibles."]
    fast = model.FastScorer.from_pipeline(loaded["pipeline"])
    assert fast
    assert np.allclose(fast(sents), loaded["pipeline"].predict_proba(sents), atol=1e-9)
