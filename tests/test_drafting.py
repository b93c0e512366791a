"""Draft answers: retrieval ranking, incremental index, citations, stale figures, territory flags, CLI."""
from __future__ import annotations

import json

import pytest

from tdi_nlp.drafting import EmptyQuestion, draft
from tdi_nlp.drafting.index import for_kb, index_dir
from tdi_nlp.kb import KnowledgeBase
from tdi_nlp.kb.writer import KBWriter

PAIRS = {
    "QE1": ("Hôpitaux", "santé", "Ministère de la santé et de la prévention",
            "Mme A interroge le ministre sur la fermeture des services d'urgence des hôpitaux et le manque de médecins.",
            "Le Gouvernement renforce les urgences hospitalières : 500 médecins supplémentaires seront recrutés dans "
            "les hôpitaux publics. Les services d'urgence recevront des crédits nouveaux."),
    "QE2": ("Trains régionaux", "transports ferroviaires", "Ministère des transports",
            "M. B attire l'attention sur la suppression de trains régionaux et les retards des TER.",
            "L'État investit dans le réseau ferroviaire régional. Les lignes de TER seront modernisées avec les "
            "régions, qui organisent les transports."),
    "QE3": ("Sécheresse", "agriculture", "Ministère de l'agriculture",
            "Mme C interroge le ministre sur les pertes des agriculteurs après la sécheresse et les aides prévues.",
            "Les agriculteurs touchés par la sécheresse bénéficieront du régime des calamités agricoles. Les aides "
            "seront versées avant la fin de l'année."),
    "QE4": ("Écoles rurales", "enseignement", "Ministère de l'éducation nationale",
            "M. D s'inquiète de la fermeture de classes dans les écoles rurales.",
            "La carte scolaire tient compte des écoles rurales. Aucune fermeture de classe n'aura lieu sans "
            "l'accord du maire."),
}


def _qa_record(uid: str, title: str, rubrique: str, ministry: str, question: str, answer: str) -> dict:
    text = f"{title}\n\n{question}\n\n{answer}"
    q0 = len(title) + 2
    a0 = q0 + len(question) + 2
    return {"id": uid, "source": uid + ".json", "format": "an_json", "kind": "written_question",
            "date": "2022-10-04", "metadata": {"uid": uid, "number": uid[2:], "type": "QE", "rubrique": rubrique,
                                               "analyse": title, "author": question.split(" interroge")[0]
                                               .split(" attire")[0].split(" s'inquiète")[0],
                                               "ministry_attributed": ministry, "answer_jo_date": "2022-10-04"},
            "text": text, "pages": [], "entities": [], "themes": [],
            "sections": [{"kind": "question", "start": q0, "end": q0 + len(question), "title": None},
                         {"kind": "answer", "start": a0, "end": a0 + len(answer), "title": None}]}


@pytest.fixture()
def small_kb(tmp_path, nlp):
    from tdi_nlp.drafting.analysis import adopt
    adopt(nlp.vocab)  # one model load for the whole session
    path = tmp_path / "small.sqlite"
    with KBWriter(str(path)) as w:
        for uid, (title, rub, ministry, q, a) in PAIRS.items():
            rec = _qa_record(uid, title, rub, ministry, q, a)
            w.replace_source(uid, uid + ".json", "sha-" + uid, len(rec["text"]), [rec])
    return path


def test_retrieval_ranks_the_relevant_answer_first(small_kb):
    with KnowledgeBase(small_kb) as kb:
        index = for_kb(kb)
        assert len(index.entries) == 4
        cases = {"Que fait le Gouvernement contre la saturation des urgences à l'hôpital ?": "QE1",
                 "Les TER de ma région sont sans cesse en retard : quand le réseau sera-t-il modernisé ?": "QE2",
                 "Quelle indemnisation pour les exploitants agricoles victimes de la sécheresse ?": "QE3",
                 "Des fermetures de classes sont annoncées dans nos villages.": "QE4"}
        for query, expected in cases.items():
            hits = index.search(query, k=4)
            assert hits[0].entry["id"] == expected, (query, [h.entry["id"] for h in hits])
            assert hits[0].score > hits[1].score


def test_index_is_stored_and_updated_incrementally(small_kb):
    with KnowledgeBase(small_kb) as kb:
        for_kb(kb)
    assert (index_dir(small_kb) / "index.json").is_file()
    rec = _qa_record("QE5", "Urgences pédiatriques", "santé", "Ministère de la santé",
                     "Mme E interroge le ministre sur les urgences pédiatriques saturées par la bronchiolite.",
                     "Un plan pour la pédiatrie et les urgences pédiatriques est engagé.")
    with KBWriter(str(small_kb)) as w:
        w.replace_source("QE5", "QE5.json", "sha-QE5", 1, [rec])
        changed = _qa_record("QE2", "Trains régionaux", "transports ferroviaires", "Ministère des transports",
                             "M. B attire l'attention sur les trains régionaux.",
                             "Les dessertes ferroviaires régionales seront renforcées par des autocars.")
        w.replace_source("QE2", "QE2.json", "sha-QE2-v2", 1, [changed])
        w.con.execute("DELETE FROM sources WHERE key = 'QE4'")
        w.con.commit()
    with KnowledgeBase(small_kb) as kb:
        index = for_kb(kb)
    ids = sorted(e["id"] for e in index.entries)
    assert ids == ["QE1", "QE2", "QE3", "QE5"]
    assert index.manifest["QE2"] == "sha-QE2-v2"
    assert "autocar" in " ".join(index.entries[index.pos["QE2"]]["a_terms"])
    assert index.search("bronchiolite des nourrissons aux urgences pédiatriques", k=1)[0].entry["id"] == "QE5"


def test_draft_has_opening_cited_passages_and_sources(small_kb):
    d = draft("Que fait le Gouvernement contre la saturation des urgences à l'hôpital ?", str(small_kb),
              territories=set(), themes=set())
    assert d.sources[0]["id"] == "QE1" and d.sources[0]["score"] >= d.sources[-1]["score"]
    assert d.text.startswith("**Projet de réponse**")
    assert "accès aux soins" in d.text  # opening of the health ministry (templates)
    assert "500 médecins supplémentaires" in d.text and "[1]" in d.text
    assert "Question écrite n° 1 de Mme A" in d.sources[0]["citation"]
    assert "4 octobre 2022" in d.text
    assert all(p["source"] >= 1 for p in d.passages)


def test_empty_question_and_missing_kb(small_kb, tmp_path):
    with pytest.raises(EmptyQuestion):
        draft("   ", str(small_kb))
    with pytest.raises(FileNotFoundError):
        draft("Une question ?", str(tmp_path / "absent.sqlite"))


def test_stale_figure_flagged_from_the_seed_corpus(seeds_kb):
    d = draft("Combien de territoires d'industrie sont labélisés à date ? Quel calendrier de signature des "
              "contrats en Hauts-de-France ?", str(seeds_kb))
    ids = [s["id"] for s in d.sources]
    assert ids[0].startswith(("000_", "001_"))
    stale = {s["value"]: s for s in d.stale_figures}
    assert 141 in stale, d.text
    assert stale[141]["newer_value"] == 144 and stale[141]["newer_date"] == "2019-09-24"
    assert stale[141]["newer_doc_id"].startswith("002_")
    assert "### Chiffres à vérifier" in d.text and "144 au 24 septembre 2019" in d.text
    assert "region:32" in d.question_territories


def test_passage_about_another_territory_is_flagged(seeds_kb):
    d = draft("Quel est le calendrier de signature des contrats territoires d'industrie en Occitanie ? "
              "Le comité de pilotage régional s'est-il réuni ?", str(seeds_kb))
    flagged = [p for p in d.passages if p["flags"]]
    assert flagged and any("Hauts-de-France" in f for p in flagged for f in p["flags"]), d.text
    assert "⚠" in d.text


def test_cli_json_lines_and_errors(small_kb, tmp_path, capsys):
    from tdi_nlp.cli import main
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"id": "a", "text": "Les urgences des hôpitaux sont saturées."}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "text": "Les TER sont en retard."}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["draft", "--file", str(questions), "--kb", str(small_kb), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["sources"][0]["id"] == "QE1" and lines[1]["sources"][0]["id"] == "QE2"
    assert all({"text", "sources", "stale_figures"} <= set(x) for x in lines)
    assert all({"id", "score"} <= set(s) for x in lines for s in x["sources"])

    assert main(["draft", "", "--kb", str(small_kb)]) == 2
    assert "empty question" in capsys.readouterr().err
    assert main(["draft", "Une question ?", "--kb", str(tmp_path / "absent.sqlite")]) == 2
    assert "no knowledge base" in capsys.readouterr().err


def test_ministry_of_the_question_is_read_and_matched():
    from tdi_nlp.drafting.compose import addressee
    from tdi_nlp.drafting.index import ministry_match, ministry_terms
    asked = addressee("M. X interroge Mme la secrétaire d'État auprès du ministre de l'économie et des finances "
                      "sur le calendrier des contrats.")
    assert asked == "secrétaire d'État auprès du ministre de l'économie et des finances"
    terms = ministry_terms(asked)
    full = "Ministère de l'économie, des finances et de la souveraineté industrielle et numérique"
    assert 0 < ministry_match(asked.lower(), terms, full) < 1
    assert ministry_match(asked.lower(), terms, "Ministère de la santé et de la prévention") == 0
    assert ministry_match("ministere de la justice", ministry_terms("Ministère de la justice"),
                          "Ministère de la justice") == 1


def test_no_past_answer_says_so(tmp_path):
    text = "Communiqué sans question ni réponse."
    rec = {"id": "pr", "source": "pr.txt", "format": "text", "kind": "press_release", "date": "2020-01-01",
           "metadata": {}, "text": text, "sections": [{"kind": "body", "start": 0, "end": len(text), "title": None}],
           "pages": [], "entities": [], "themes": []}
    path = tmp_path / "empty.sqlite"
    with KBWriter(str(path)) as w:
        w.replace_source("pr", "pr.txt", "sha", 1, [rec])
    d = draft("Une question sur les urgences ?", str(path), territories=set(), themes=set())
    assert d.sources == [] and "Aucune réponse antérieure" in d.text


def test_ia_select_covers_a_second_reading_when_scores_are_close():
    from tdi_nlp.drafting.diversify import ia_select
    scores = [1.0, 0.98, 0.97, 0.95, 0.2]
    readings = ["santé", "santé", "santé", "médecine", "médecine"]
    order = ia_select(scores, readings, k=3)
    assert order[0] == 0 and 3 in order[:3]           # the best stays first; the other reading gets a place
    assert sorted(order) == list(range(5))            # a permutation: nothing lost


def test_ia_select_keeps_the_ranking_when_one_reading_dominates():
    from tdi_nlp.drafting.diversify import ia_select
    scores = [1.0, 0.95, 0.9, 0.3]
    readings = ["emploi", "emploi", "emploi", "chômage"]
    assert ia_select(scores, readings, k=3) == [0, 1, 2, 3]
    assert ia_select(scores, readings, k=3, prior={"chômage": 0.9}, alpha=1.0)[:2] == [0, 3]  # classifier disagrees


def test_ia_select_keeps_the_best_first_and_treats_a_missing_rubrique_as_its_own_reading():
    from tdi_nlp.drafting.diversify import ia_select
    # a seed document without rubrique scores far above an AN answer: it stays first
    assert ia_select([1.035, 0.433], [None, "industrie"], k=3, prior={"industrie": 0.8}) == [0, 1]
    assert ia_select([1.0, 0.99, 0.98], [None, None, "x"], k=2)[0] == 0


def test_eval_drafting_ceiling_and_cross_fitted_priors():
    from tdi_nlp.eval import drafting as ev
    assert ev.ceiling([0, 1, 2, 3], {0, 2, 3}) == 0.75 and ev.ceiling([], set()) == 0.0
    words = {"santé": "hôpital urgences médecins", "transports": "train gare ligne", "agriculture": "sécheresse récolte"}
    entries = [{"_query": f"Question {k} sur {words[c]}", "_a_text": f"Réponse sur {words[c]}", "title": c.upper(),
                "rubrique": c, "_addressee": ""} for k in range(30) for c in [list(words)[k % 3]]]
    priors = ev.rubrique_priors(entries, folds=5, top=2)
    assert len(priors) == 30 and all(len(p) == 2 for p in priors)
    assert sum(max(p, key=p.get) == e["rubrique"] for p, e in zip(priors, entries)) >= 27


def test_search_second_stage_reorders_only_the_first_places_and_collects_its_view(small_kb):
    from tdi_nlp.drafting.index import Weights
    from tdi_nlp.drafting.rerank import Candidates
    query = "Que fait le Gouvernement contre la saturation des urgences à l'hôpital ?"
    with KnowledgeBase(small_kb) as kb:
        index = for_kb(kb)
        found = []
        plain = index.search(query, k=4, weights=Weights(diversify_places=0), exclude={"QE4"}, collect=found,
                             rubriques={"santé": 0.7, "enseignement": 0.2}, ministry="Ministère de la santé")
        learned = index.search(query, k=4, rubriques={"santé": 0.7, "enseignement": 0.2},
                               ministry="Ministère de la santé", exclude={"QE4"})
        old = index.search(query, k=4, weights=Weights(rerank=False), exclude={"QE4"},
                           rubriques={"santé": 0.7, "enseignement": 0.2}, ministry="Ministère de la santé")
    assert len(found) == 1 and isinstance(found[0], Candidates)
    c = found[0]
    assert c.rubriques[0] == "santé" and len(c.scores) == 3  # QE4 left out
    assert c.counts["enseignement"] == 0 and c.counts["santé"] == 1  # an excluded entry is not counted
    assert c.ministry_share == {"santé": 1.0}
    assert {h.entry["id"] for h in learned} == {h.entry["id"] for h in plain} == {h.entry["id"] for h in old}
    assert learned[0].entry["id"] == "QE1"
