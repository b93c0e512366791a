"""Drafts that answer each request: request blocks, passages of official documents, today's figures, 'nothing
found' lines, 'Question déjà posée', on the seed corpus (issue 13)."""
from __future__ import annotations

import pytest

from tdi_nlp.drafting import already, draft
from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.answers import places_of
from tdi_nlp.drafting.passages import _FIGURES, _chunks, acronyms, anchors, document_chunks, holds_figure
from tdi_nlp.drafting.requests import find_requests
from tdi_nlp.figures.today import candidates, thing_of
from tdi_nlp.kb import KnowledgeBase

MINISTRY = "Mme la secrétaire d'État auprès du ministre de l'économie et des finances"


@pytest.fixture(scope="module")
def seeds(seeds_kb):
    with KnowledgeBase(seeds_kb) as kb:
        yield kb


def test_request_clauses_and_kinds():
    q = ("M. X interroge M. le ministre sur le programme. Il souhaite connaître le nombre de communes aidées, "
         "le montant des crédits engagés et le calendrier des travaux.")
    found = find_requests(q)
    assert [(r.text, r.kind) for r in found] == [("le nombre de communes aidées", "count"),
                                                 ("le montant des crédits engagés", "amount"),
                                                 ("le calendrier des travaux", "calendar")]
    assert all(q[r.start:r.end] == r.text for r in found)


def test_thing_of_a_count_request_and_its_shorter_forms():
    assert thing_of("le nombre de territoires d'industrie labellisés à ce jour") == \
        "territoires d'industrie labellisés à ce jour"
    assert "territoires d'industrie" in candidates("territoires d'industrie labellisés à ce jour", 2)
    assert thing_of("le calendrier des travaux") is None


def test_chunks_join_wrapped_lines_and_drop_headings():
    text = ("MINISTÈRE DE L'ÉCONOMIE\n\nLe programme a permis d'engager de nombreux\nprojets dans les territoires "
            "industriels du pays.\nUne deuxième phrase, sur sa propre ligne, assez longue pour compter.")
    spans = [text[s:e] for s, e in _chunks(text, 0, len(text))]
    assert spans[0].startswith("Le programme") and spans[0].endswith("du pays.")
    assert not any("MINISTÈRE" in s for s in spans)
    assert anchors("le montant des crédits consommés en 2023 dans le Cantal") == ["2023", "cantal"]


def test_each_request_gets_a_block_with_today_figure_or_nothing_found(seeds):
    q = (f"M. Jean Test attire l'attention de {MINISTRY} sur le programme « Territoires d'industrie ». Il "
         "souhaite connaître le nombre de territoires d'industrie labellisés à ce jour, le nombre de projets ayant "
         "fait l'objet d'un engagement de l'État et le montant des crédits consommés en 2031 dans le Cantal.")
    d = draft(q, seeds)
    assert [r["kind"] for r in d.requests] == ["count", "count", "amount"]
    assert "**1. Le nombre de territoires d'industrie labellisés à ce jour**" in d.text
    # today's figure: the press release of 24 September 2019 gives 144, although no past answer does
    fig = d.requests[0]["figure"]
    assert fig["value"] == 144 and fig["date"] == "2019-09-24"
    assert "Dernier chiffre connu de la base : 144 territoires d'industrie au 24 septembre 2019" in d.text
    # the engaged projects come from the press release, cited among the sources
    assert "231" in d.text and any(s["id"].startswith("002_") for s in d.sources)
    assert not d.requests[2]["found"]
    assert ("Aucun élément trouvé dans la base sur : le montant des crédits consommés en 2031 dans le Cantal."
            in d.text)
    assert "score" not in d.text.split("### Sources")[1]


def test_already_asked_lists_the_past_question_reworded(seeds):
    doc = seeds.document("001_fe086644e29b4116.txt")
    past = "\n".join(doc["text"][s["start"]:s["end"]] for s in doc["sections"] if s["kind"] == "question")
    reworded = past.replace("Cazenove", "Durand").replace("Sébastien", "Pierre")
    d = draft(reworded, seeds)
    assert d.already_asked and d.already_asked[0]["id"] == "001_fe086644e29b4116.txt"
    assert "### Question déjà posée" in d.text and d.already_asked[0]["answer"]
    other = draft("Mme Y interroge le ministre sur la fermeture des urgences de l'hôpital de nuit et le manque de "
                  "médecins.", seeds)
    assert other.already_asked == []
    assert already.THRESHOLD > 0


def test_acronyms_amounts_without_currency_and_places_referred_back():
    known = {"csf", "pme"}
    assert acronyms("le nombre de comités stratégiques de filière", known) == \
        {"csf": terms("comités stratégiques filière")}
    assert acronyms("le nombre de petites et moyennes entreprises aidées", known) == \
        {"pme": terms("petites moyennes entreprises")}
    assert holds_figure("une politique de filières ambitieuse (18 CSF) ;", "count", "comite", frozenset({"csf"})) == 1
    assert _FIGURES["amount"].search("un effort européen qui atteint déjà plus de 67 milliards.")
    assert not _FIGURES["amount"].search("une planète de 8 milliards d'habitants")
    places = {"region:32": {"Hauts-de-France"}, "department:15": {"Cantal"}}
    assert places_of("le nombre de contrats signés dans la région", places) == [("Hauts-de-France",)]
    assert places_of("le nombre de contrats signés dans la région Grand Est", places) == []
    assert places_of("le nombre de contrats signés dans les régions", places) == []


def test_counted_thing_before_the_number_and_answers_anchored_by_their_question_title():
    assert holds_figure("beaucoup d'emplois – plus de 1,7 million en six ans", "count", "emploi") == 1
    assert holds_figure("beaucoup de réformes – plus de 1,7 million en six ans", "count", "emploi") == 0
    doc = {"id": "q1", "kind": "government_question", "metadata": {"analyse": "Budget des armées 2024-2030"},
           "text": "Q ?\n\nLa loi de programmation prévoit un effort de 413 milliards d'euros pour nos armées.",
           "sections": [{"kind": "question", "start": 0, "end": 3}, {"kind": "answer", "start": 5, "end": 87}]}
    chunks = document_chunks(doc)
    assert chunks[0]["title"] == "budget des armees 2024-2030" and "2030" in chunks[0]["title_terms"]
