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


CALENDAR_Q = ("M. le député attire l'attention de Mme la ministre sur le programme Territoires d'industrie. "
              "Il souhaite connaître le calendrier de signature des contrats de territoire.")
UKRAINE_Q = ("Monsieur le ministre, la guerre en Ukraine dure depuis un an et le peuple ukrainien résiste. "
             "La France doit rester aux côtés de Kiev. Quelle est la position du Gouvernement sur l'envoi "
             "de nouveaux équipements ?")


@needs_models
def test_classify_calendar_request_with_clause_evidence():
    import tdi_nlp
    themes = tdi_nlp.classify(CALENDAR_Q)
    cal = [t for t in themes if t["code"] == "calendrier"]
    assert cal, themes
    t = cal[0]
    assert set(t) >= {"theme", "code", "score", "evidence", "start", "end"} and t["theme"] == "Calendrier"
    assert CALENDAR_Q[t["start"]:t["end"]] == t["evidence"]
    assert "calendrier de signature" in t["evidence"] and "attire l'attention" not in t["evidence"]
    scores = [x["score"] for x in themes]
    assert scores == sorted(scores, reverse=True)


@needs_models
def test_no_request_of_these_kinds_gets_no_theme():
    from tdi_nlp.themes import classify
    assert classify("Les prix de l'énergie ont doublé depuis 2021.") == []  # context only, no request
    assert classify(UKRAINE_Q) == []


@needs_models
def test_thresholds_respected_and_evidence_is_a_request():
    from tdi_nlp.themes import classifier, request_model
    from tdi_nlp.themes.requests import find_requests
    loaded = classifier.load("tdi")
    thresholds = loaded["model"]["thresholds"]
    text = QUESTION + " Le Gouvernement a engagé 1,36 milliard d'euros. Quel bilan en tirez-vous ?"
    got = {t["code"]: t for t in classifier.classify(text)}
    reqs = find_requests(text)
    scorer = request_model.active(loaded["model"], embed=False)  # classifier.classify embeds nothing by default
    thresholds = scorer["thresholds"]
    proba = request_model.clause_scores(scorer, [r.text for r in reqs]).max(axis=0)
    for j, code in enumerate(request_model.LABELS):
        if code in got:
            assert got[code]["score"] >= thresholds[code]
            assert (got[code]["start"], got[code]["end"]) in {(r.start, r.end) for r in reqs}
        else:
            assert proba[j] < thresholds[code]


@needs_models
def test_rubrique_ranked_top3_and_ministry():
    from tdi_nlp.themes import classify
    text = ("Monsieur le ministre, les prix de l'électricité et du gaz explosent et nos entreprises industrielles "
            "ne peuvent plus payer leurs factures d'énergie. Que comptez-vous faire pour les carburants ?")
    out = classify(text, taxonomy="rubrique", minister="Transition énergétique", min_score=0.0)
    assert len(out) == 3
    assert out[0]["score"] >= out[1]["score"] >= out[2]["score"]
    assert "énergie et carburants" in [t["theme"] for t in out]
    assert all(t["evidence"] in text for t in out)
    assert classify("", taxonomy="tdi") == []
    # by default only suggestions above the calibrated threshold are shown
    shown = classify(text, taxonomy="rubrique", minister="Transition énergétique")
    threshold = json.loads((MODELS / "themes-rubrique.json").read_text(encoding="utf-8"))["thresholds"]["given"]
    assert 0 < threshold < 1 and shown and all(t["score"] >= threshold for t in shown)
    assert [t["theme"] for t in shown] == [t["theme"] for t in out[:len(shown)]]


@needs_models
def test_rubrique_ministry_inferred_from_the_addressee():
    from tdi_nlp.themes import classify
    text = ("Monsieur le ministre de la santé et de la prévention, les urgences de l'hôpital de Dieppe ferment la "
            "nuit faute de médecins. Quand rouvriront-elles ?")
    inferred = classify(text, taxonomy="rubrique", date="2022-10-12", min_score=0.0)
    given = classify(text, taxonomy="rubrique", minister="Santé et prévention", date="2022-10-12", min_score=0.0)
    assert [t["theme"] for t in inferred] == [t["theme"] for t in given]


@needs_models
def test_model_metadata():
    import sklearn
    from tdi_nlp import encoder
    meta = json.loads((MODELS / "themes-tdi.json").read_text(encoding="utf-8"))
    assert meta["version"] == "2.10" and meta["taxonomy"] == "tdi"
    assert meta["encoder"] == encoder.ENCODER_TAG  # 2.7 reads the E5 clause vector (its text path does not)
    assert set(meta["thresholds_text_path"]) == set(meta["thresholds"])
    assert meta["training"]["synthetic"]["files"] == ["models/labels/synthetic_requests.jsonl",
                                                      "models/labels/synthetic_requests_2.jsonl"]
    assert meta["sklearn"].split(".")[:2] == sklearn.__version__.split(".")[:2]
    refs = meta["training"]["references"]
    assert refs == ["models/labels/requests.jsonl"] and meta["training"]["split"] == "train"
    assert all((REPO / r).is_file() for r in refs)
    assert [lab["code"] for lab in meta["labels"]] == ["calendrier", "eligibilite", "beneficiaires", "financement",
                                                       "mise_en_oeuvre", "bilan"]
    assert set(meta["thresholds"]) == {lab["code"] for lab in meta["labels"]}
    assert meta["training"]["examples"] >= 380  # both labelling rounds
    assert (MODELS / "themes-tdi.joblib").stat().st_size < 8e6
    rub = json.loads((MODELS / "themes-rubrique.json").read_text(encoding="utf-8"))
    assert rub["version"] and len(rub["labels"]) > 50 and (MODELS / "themes-rubrique.joblib").stat().st_size < 8e6


def test_encoder_tag_mismatch_refused(tmp_path):
    from tdi_nlp.themes import classifier
    import sklearn
    meta = {"taxonomy": "tdi", "version": classifier.TDI_MODEL_VERSION, "sklearn": sklearn.__version__,
            "encoder": "some-other-encoder"}
    with pytest.raises(classifier.ModelError, match="encoder"):
        classifier.check_compatible(meta, tmp_path / "m.joblib")
    with pytest.raises(classifier.ModelError, match="tdi-nlp train"):
        classifier.check_compatible({**meta, "encoder": None, "version": "1.1"}, tmp_path / "m.joblib")


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
    # rubriques only above the calibrated threshold: a Territoires d'industrie question may get none
    assert "tdi" in {t["taxonomy"] for t in themes} <= {"tdi", "rubrique"}
    for t in themes:
        assert set(t) >= {"taxonomy", "theme", "score", "evidence", "start", "end"}
        assert doc.text[t["start"]:t["end"]] == t["evidence"]
        assert start <= t["start"] < t["end"] <= start + len(QUESTION)
    other = nlp("Un texte sans section de question.")
    assert other._.themes == []


@needs_models
def test_component_tags_a_batch_as_doc_by_doc_and_reports_a_failing_doc_alone():
    from tdi_nlp.pipeline import build
    from tdi_nlp.themes.classifier import classify, classify_batch
    nlp = build(components=["tdi_themes"])
    tagger = nlp.get_pipe("tdi_themes")
    texts = [QUESTION, "M. le ministre de la santé, quand les hôpitaux seront-ils financés ?", "", QUESTION[:80]]
    for taxonomy in ("tdi", "rubrique"):
        assert classify_batch([(t, None, None) for t in texts], taxonomy) == [classify(t, taxonomy) for t in texts]

    def doc(text, minister=None, start=0):
        d = nlp.make_doc(text)
        d._.sections = [{"kind": "question", "start": start, "end": len(text), "title": None}]
        d._.meta = {"minister_questioned": minister} if minister else {}
        return d

    docs = [doc(QUESTION, "Industrie"), doc(texts[1]), doc(QUESTION), doc(QUESTION, start="x"), doc(texts[3])]
    alone = [tagger(doc(d.text, (d._.meta or {}).get("minister_questioned")))._.themes for d in docs if d is not docs[3]]
    failed = []
    tagger.set_error_handler(lambda name, proc, bad, exc: failed.extend((name, b) for b in bad))  # a fresh pipeline
    tagged = list(tagger.pipe(iter(docs), batch_size=16))
    assert failed == [("tdi_themes", docs[3])]
    assert [d._.themes for d in tagged] == alone and any(alone)


def test_references_follow_the_schema_and_resolve(shared_dir):
    from tdi_nlp.themes import dataset, model, sources
    refs = dataset.load_references()  # validated: ids of the anchor, unique, labels of the taxonomy, no text
    assert len(refs) >= 500 and len({r["id"] for r in refs}) == len(refs)
    for r in refs:
        a = r["anchor"]
        assert r["id"] == f"{r['doc']}#{a['sha1'][:12]}" and r["unit"] == "sentence"
        assert set(r["labels"]) <= set(model.LABELS) and "text" not in r
        raw = sources.raw_text(r["source"], r["doc"])
        assert dataset.sha1_of(raw[a["start"]:a["end"]]) == a["sha1"], r["id"]
    examples = dataset.resolve(refs)
    assert [e.ref["id"] for e in examples] == [r["id"] for r in refs]
    counts = {lab: sum(lab in e.labels for e in examples) for lab in model.LABELS}
    assert min(counts.values()) >= 50


def test_schema_rejects_bad_references():
    from tdi_nlp.themes import dataset
    raw = "Une phrase. Quand les contrats seront-ils signés ?"
    ok = dataset.reference("corpus/x.txt", "x.txt", raw, 12, len(raw), labels=["calendrier"])
    dataset.validate([ok])
    for bad, why in (([ok, ok], "duplicate"), ([{**ok, "labels": ["budget"]}], "taxonomy"),
                     ([{**ok, "id": "x.txt#000000000000"}], "id"), ([{**ok, "text": raw}], "no text")):
        with pytest.raises(ValueError, match=why):
            dataset.validate(bad)


def _seed_ref(monkeypatch, raw_of):
    """A reference to a sentence of a seed document, resolved against a text changed by raw_of."""
    from tdi_nlp.themes import dataset, sources
    src, doc = "corpus/000_56cbaf23b5cb3c3e.txt", "000_56cbaf23b5cb3c3e.txt"
    raw = sources.raw_text(src, doc)
    s = raw.index("Territoires d'industrie") if "Territoires d'industrie" in raw else 100
    ref = dataset.reference(src, doc, raw, s, s + 60, labels=[])
    changed = raw_of(raw)
    monkeypatch.setattr(sources, "raw_text", lambda source, doc_id: changed)
    monkeypatch.setattr(sources, "normalized", lambda source, doc_id: sources.normalize(changed))
    return ref, raw[s:s + 60]


def test_reference_relocated_by_hash(monkeypatch):
    from tdi_nlp.themes import dataset
    ref, span = _seed_ref(monkeypatch, lambda raw: "Préambule ajouté.\n\n" + raw)
    (ex,) = dataset.resolve([ref], normalized=False)
    assert ex.text == dataset.span_key(span)


def test_unresolvable_reference_names_its_id(monkeypatch):
    from tdi_nlp.themes import dataset
    ref, _ = _seed_ref(monkeypatch, lambda raw: raw.replace("e", "é"))
    with pytest.raises(dataset.UnresolvedReference, match=ref["id"]):
        dataset.resolve([ref])


def test_anchor_survives_a_new_normalization_rule(monkeypatch):
    import re
    from tdi_nlp import normalize
    from tdi_nlp.themes import dataset, sources
    ref, span = _seed_ref(monkeypatch, lambda raw: raw)
    extra = normalize.Rule("test", re.compile(r"\s+"), "  ")  # a rule that moves every later offset
    monkeypatch.setattr(sources, "normalized",
                        lambda source, doc_id: normalize.normalize(sources.raw_text(source, doc_id),
                                                                   normalize.load_rules() + (extra,)))
    (ex,) = dataset.resolve([ref])
    assert dataset.span_key(ex.text) == dataset.span_key(normalize.normalize(span).text)


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


def test_annotations_and_adjudication():
    from tdi_nlp.themes import agreement, dataset, model
    refs = dataset.load_references()
    double = dataset.double_annotated(refs)
    first, second = dataset.annotations(refs, "A1"), dataset.annotations(refs, "A2")
    assert len(double) == len(first) == len(second) >= 300
    for r in double:
        a, b = set(first[r["id"]]), set(second[r["id"]])
        if a == b:
            assert set(r["labels"]) == a and not r.get("adjudicated")
        else:
            assert r.get("adjudicated") is True
    rep = agreement.report(model.LABELS, refs)["first_vs_second"]
    assert rep["n"] == len(double)
    assert 0.0 < rep["pooled_kappa"] <= 1.0 and set(rep["per_label"]) == set(model.LABELS)


def test_single_annotation_round_is_new_sentences_with_a_blind_check():
    from tdi_nlp.themes import agreement, dataset, model
    refs = dataset.load_references()
    double = {r["id"] for r in dataset.double_annotated(refs)}
    single = [r for r in refs if r["id"] not in double]
    assert single and all(r["round"] == 5 for r in single)
    for r in single:                                   # one annotation, which is the final label set
        (a,) = r["annotations"]
        assert a["annotator"] in ("R5-1", "R5-2") and a["labels"] == r["labels"]
    blind = [r for r in refs if any(a.get("blind") for a in r.get("annotations", []))]
    assert blind and {r["id"] for r in blind} <= double  # the check re-labels known sentences
    assert agreement.report(model.LABELS, refs)["single_vs_adjudicated"]["n"] == len(blind)


def test_fast_scorer_matches_pipeline():
    """The sentence model (v1.1, still the eval's baseline): its fast scorer gives the pipeline's probabilities."""
    import numpy as np
    from tdi_nlp.themes import model
    sents = ["Quand les contrats seront-ils signés ?", "Le fonds est doté de 500 millions d'euros.",
             "Les entreprises de moins de 50 salariés sont désormais éligibles.", "Quel bilan tirez-vous du plan ?",
             "Le préfet pilote le comité.", "La liste des territoires bénéficiaires est publiée."]
    labels = [["calendrier"], ["financement"], ["eligibilite"], ["bilan"], ["mise_en_oeuvre"], ["beneficiaires"]]
    pipe = model.build_pipeline(vectors=False).fit(sents, model.binarize(labels))
    fast = model.FastScorer.from_pipeline(pipe)
    assert fast
    assert np.allclose(fast(sents), pipe.predict_proba(sents), atol=1e-9)


def test_find_requests_splits_enumerated_heads():
    from tdi_nlp.themes.requests import find_requests
    text = ("M. Jean Dupuis attire l'attention de Mme la ministre sur le programme « Territoires d'industrie ». "
            "Il souhaite connaître le nombre de territoires labellisés à ce jour et le calendrier de la signature "
            "des contrats.")
    reqs = find_requests(text)
    assert [(r.kind, r.text) for r in reqs] == [("count", "le nombre de territoires labellisés à ce jour"),
                                               ("calendar", "le calendrier de la signature des contrats")]
    assert all(text[r.start:r.end] == r.text for r in reqs)


def test_find_requests_context_rhetorical_and_opening():
    from tdi_nlp.themes.requests import find_requests
    text = ("Ma question s'adresse à M. le ministre. Les prix explosent. Jusqu'où irez-vous ? "
            "Les artisans pourront-ils bénéficier de l'aide ?")
    assert [r.text for r in find_requests(text)] == ["Les artisans pourront-ils bénéficier de l'aide ?"]
    asked = find_requests("Il lui demande si les artisans pourront bénéficier de l'aide.")
    assert [r.kind for r in asked] == ["eligibility"]
    opening = "M. X attire l'attention de M. le ministre sur la situation des artisans."
    assert [r.text for r in find_requests(opening)] == [opening]
    assert find_requests("") == []
