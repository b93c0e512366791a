"""The drafting passage index brought up to date in place (issue 16): equal to a full rebuild, only the new and
changed documents analyzed."""
from __future__ import annotations

import numpy as np
import pytest

from tdi_nlp.drafting import passages
from tdi_nlp.drafting.passages import PassageIndex, for_kb, passages_dir
from tdi_nlp.kb import KnowledgeBase
from tdi_nlp.kb.writer import KBWriter

ANSWERS = [
    "Le programme Territoires d'industrie accompagne 183 territoires labellisés depuis 2018. Les contrats ont été "
    "signés avec les régions et les intercommunalités.\n\nUne enveloppe de 100 millions d'euros finance les "
    "projets industriels des territoires les plus fragiles.",
    "Les agriculteurs touchés par la sécheresse bénéficieront du régime des calamités agricoles. Les aides seront "
    "versées avant la fin de l'année 2023, après instruction des dossiers par les directions départementales.",
    "La carte scolaire tient compte des écoles rurales. Aucune fermeture de classe n'aura lieu sans l'accord du "
    "maire.\n\nLe ministère a créé 2 000 postes d'enseignants dans les départements ruraux en 2022.",
]
BODIES = [
    "Communiqué de presse\n\nLe Gouvernement annonce la deuxième phase du programme Territoires d'industrie pour "
    "2023-2027. Cinquante nouveaux territoires rejoignent le programme, soit 183 territoires au total.\n\nLes "
    "contrats de la deuxième phase seront signés d'ici la fin du mois de juin, avec un appui de la Banque des "
    "territoires et de Bpifrance pour l'ingénierie des projets.",
    "Compte rendu de la réunion du comité de pilotage\n\nLes élus du Cantal ont présenté le bilan des actions de "
    "revitalisation industrielle. La part des emplois industriels atteint 18 % de l'emploi salarié du "
    "territoire.\n\nLe comité a validé le calendrier des prochaines étapes du contrat de territoire.",
]


def _record(doc_id: str, text: str, answer: bool, date: str) -> dict:
    if answer:
        q = f"M. X interroge le ministre sur la situation évoquée dans la question {doc_id}."
        full = f"{q}\n\n{text}"
        secs = [{"kind": "question", "start": 0, "end": len(q), "title": None},
                {"kind": "answer", "start": len(q) + 2, "end": len(full), "title": None}]
        kind, meta = "written_question", {"answer_jo_date": date}
    else:
        full, secs, kind, meta = text, [{"kind": "body", "start": 0, "end": len(text), "title": None}], \
            "press_release", {}
    return {"id": doc_id, "source": doc_id + ".json", "format": "an_json", "kind": kind, "date": date,
            "metadata": meta, "text": full, "pages": [], "entities": [], "themes": [], "sections": secs}


def _put(w: KBWriter, doc_id: str, text: str, answer: bool, date: str, version: str = "1") -> None:
    rec = _record(doc_id, text, answer, date)
    w.replace_source(f"/nowhere/{doc_id}", doc_id + ".json", f"sha-{doc_id}-{version}", len(rec["text"]), [rec])


@pytest.fixture()
def kb_path(tmp_path):
    path = tmp_path / "kb.sqlite"
    with KBWriter(str(path)) as w:
        for i, text in enumerate(ANSWERS):
            _put(w, f"qe-{i}", text, True, f"202{i}-03-01")
        for i, text in enumerate(BODIES):
            _put(w, f"cp-{i}", text, False, f"2023-0{i + 1}-15")
    return path


def _change(path) -> None:
    """A changed document, two new ones (ids sorting before and between the others), one removed."""
    with KBWriter(str(path)) as w:
        _put(w, "qe-1", ANSWERS[1] + "\n\nUn second versement de 50 millions d'euros est prévu en 2024.", True,
             "2021-03-01", version="2")
        _put(w, "aa-new", BODIES[0].replace("Cinquante", "Trente").replace("juin", "septembre"), False, "2024-02-01")
        _put(w, "qe-1b", "Les écoles des territoires d'industrie accueillent des classes de découverte des métiers "
                         "industriels, avec 300 entreprises partenaires.", True, "2024-05-01")
        w.prune(["/nowhere/cp-1"])


def _same(a: PassageIndex, b: PassageIndex, kb) -> None:
    assert a.manifest == b.manifest
    assert a.chunks == b.chunks
    assert a.doc_ids == b.doc_ids
    assert np.array_equal(a.vectors, b.vectors)
    assert a.vectors.dtype == b.vectors.dtype
    assert np.array_equal(a.recency, b.recency) and np.array_equal(a.chunk_doc, b.chunk_doc)
    assert a._idf == b._idf
    for clause, subject in (("le nombre de territoires labellisés", "programme Territoires d'industrie"),
                            ("le calendrier de signature des contrats", "Territoires d'industrie"),
                            ("le montant des aides aux agriculteurs", "sécheresse"),
                            ("la part des emplois industriels dans le Cantal", "revitalisation")):
        terms = passages.analysis.terms(clause + " " + subject)
        assert np.array_equal(a.bm25.scores(terms), b.bm25.scores(terms))
        assert np.array_equal(a.doc_bm25.scores(terms), b.doc_bm25.scores(terms))
        ha, hb = a.search(kb, clause, subject, k=5), b.search(kb, clause, subject, k=5)
        assert [(h.chunk, h.text, h.score, h.coverage, h.anchored, h.has_figure, h.anchored_here) for h in ha] \
            == [(h.chunk, h.text, h.score, h.coverage, h.anchored, h.has_figure, h.anchored_here) for h in hb]
        assert ha


def test_incremental_index_equals_a_full_rebuild(kb_path, monkeypatch):
    monkeypatch.setattr(passages, "_LOADED", {})
    with KnowledgeBase(kb_path) as kb:
        before = for_kb(kb)
        n_before = len(before.chunks)
    _change(kb_path)
    with KnowledgeBase(kb_path) as kb:
        asked: list[str] = []
        real = kb.documents_sections
        monkeypatch.setattr(kb, "documents_sections", lambda ids: (asked.extend(ids), real(ids))[1])
        updated = for_kb(kb)  # the in-process index, updated in place
        assert updated is before
        assert sorted(asked) == ["aa-new", "qe-1", "qe-1b"]  # only the new and changed documents analyzed
        monkeypatch.setattr(kb, "documents_sections", real)
        fresh = PassageIndex.build(kb)
        assert len(fresh.chunks) != n_before
        assert not any(c["doc_id"] == "cp-1" for c in fresh.chunks)
        _same(updated, fresh, kb)
        loaded = PassageIndex.load(passages_dir(kb_path))  # as saved after the update
        assert loaded is not None
        _same(loaded, fresh, kb)


def test_saved_index_updated_after_a_restart(kb_path, monkeypatch):
    monkeypatch.setattr(passages, "_LOADED", {})
    with KnowledgeBase(kb_path) as kb:
        for_kb(kb)
    _change(kb_path)
    monkeypatch.setattr(passages, "_LOADED", {})  # a new process: the index comes from disk, then is updated
    with KnowledgeBase(kb_path) as kb:
        _same(for_kb(kb), PassageIndex.build(kb), kb)
        assert for_kb(kb) is for_kb(kb)
    monkeypatch.setattr(passages, "_LOADED", {})  # again, nothing changed: the saved index as it is
    with KnowledgeBase(kb_path) as kb, KnowledgeBase(kb_path) as other:
        monkeypatch.setattr(kb, "documents_sections", lambda ids: pytest.fail("a document analyzed again"))
        _same(for_kb(kb), PassageIndex.build(other), kb)


def test_build_reads_documents_in_bulk(kb_path, monkeypatch):
    with KnowledgeBase(kb_path) as kb:
        monkeypatch.setattr(kb, "document", lambda doc_id: pytest.fail("one document read at a time"))
        index = PassageIndex.build(kb)
    assert {c["doc_id"] for c in index.chunks} == {"qe-0", "qe-1", "qe-2", "cp-0", "cp-1"}


def test_every_document_removed_then_added_again(kb_path, monkeypatch):
    monkeypatch.setattr(passages, "_LOADED", {})
    with KBWriter(str(kb_path)) as w:
        w.prune(["/nowhere"])
    with KnowledgeBase(kb_path) as kb:
        index = for_kb(kb)
        assert index.chunks == [] and index.vectors.shape[0] == 0 and index.search(kb, "les territoires") == []
    with KBWriter(str(kb_path)) as w:
        _put(w, "cp-0", BODIES[0], False, "2023-01-15")
    with KnowledgeBase(kb_path) as kb:
        _same(for_kb(kb), PassageIndex.build(kb), kb)
