"""Draft requests, round 3 (issue 13): counts in words, "au nombre de", years that name things, durations, who an
eligibility request is about, a place's figure in the sentence naming it, the next window of a paragraph, anchors
written apart, a second request verb, interviewers' turns. Sentences and passages written for these tests."""
from __future__ import annotations

import numpy as np

from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.answers import FIRST_RANKS, _coherent, refers_back
from tdi_nlp.drafting.passages import (PassageHit, PassageIndex, _near, anchors, beneficiary, document_chunks,
                                       figure_kind, holds_figure)
from tdi_nlp.drafting.requests import find_requests
from tdi_nlp.figures.counts import anchor_form
from tdi_nlp.figures.dated import _clause_of
from tdi_nlp.figures.today import _closest, candidates, weak


def stem(word: str) -> str:
    return terms(word)[0]


def test_a_count_written_in_words_counts_only_before_the_counted_thing():
    assert holds_figure("Sur les douze avions dont dispose la base, dix sont prêts.", "count", stem("avions")) == 1.0
    assert holds_figure("le remplacement des trente-six navettes du réseau", "count", stem("navettes")) == 1.0
    # "trois lignes" is no count of people; a number in digits of something else still half counts
    assert holds_figure("Trois lignes ont été rouvertes dans la région.", "count", stem("personnes")) == 0.0
    assert holds_figure("12 lignes ont été rouvertes dans la région.", "count", stem("personnes")) == 0.25


def test_au_nombre_de_takes_the_counted_thing_before_it():
    text = "Nous investissons dans les navettes rurales, qui sont au nombre de 42, et nous allons continuer."
    assert holds_figure(text, "count", stem("navettes")) == 1.0
    assert holds_figure(text, "count", stem("gares")) < 1.0


def test_a_year_that_names_a_plan_is_no_date():
    assert holds_figure("grâce aux crédits du plan « Horizon 2030 », les usines rouvrent", "calendar", None) == 0.0
    assert holds_figure("la stratégie Ambition mer 2030 est lancée", "calendar", None) == 0.0
    assert holds_figure("Le chantier s'achèvera à Lyon en 2026.", "calendar", None) == 1.0
    assert holds_figure("En 2025, la ligne rouvrira.", "calendar", None) == 1.0
    assert holds_figure("Les travaux commenceront en mars.", "calendar", None) == 1.0


def test_a_duration_request_asks_a_duration():
    assert figure_kind("la durée du dispositif", "other") == "duration"
    assert figure_kind("le nombre de communes", "count") == "count"
    text = "un accompagnement qui donne une visibilité de trois ans aux entreprises"
    assert holds_figure(text, "duration", None) == 1.0
    assert holds_figure("un accompagnement renforcé pour les entreprises", "duration", None) == 0.0


def test_the_beneficiary_of_an_eligibility_request():
    assert beneficiary("si les artisans pourront bénéficier du fonds de solidarité") == [stem("artisans")]
    assert beneficiary("La commune de Saint-Flour pourra-t-elle bénéficier du programme") == \
        terms("commune de Saint-Flour")
    assert beneficiary("le calendrier des travaux") == []


def test_a_place_figure_is_read_in_the_sentence_naming_the_place():
    text = ("Plus de 9 000 personnes ont été reçues. Nous ouvrons des permanences, notamment en Bretagne et en "
            "Normandie. Les délais baissent.")
    named = [(anchor_form(a),) for a in anchors("le nombre de personnes reçues en Bretagne")]
    assert _near(text, named) == "Nous ouvrons des permanences, notamment en Bretagne et en Normandie."
    assert holds_figure(_near(text, named), "count", stem("personnes")) == 0.0
    assert _near(text, []) == text


def test_anchors_written_with_a_letter_and_a_digit_apart_are_one():
    assert anchor_form("FFP 2") == anchor_form("FFP2") == anchor_form("ffp-2") == "ffp2"
    assert anchor_form("Provence-Alpes-Côte d'Azur") == "provence-alpes-cote d'azur"


def test_a_second_request_verb_after_a_comma_starts_a_request():
    q = ("M. X attire l'attention de M. le ministre sur le chantier de la gare. Il souhaite savoir où en est le "
         "chantier, connaître le calendrier des travaux et le nombre d'emplois créés.")
    found = find_requests(q)
    assert [r.text for r in found] == ["où en est le chantier", "le calendrier des travaux",
                                       "le nombre d'emplois créés"]
    assert found[1].kind == "calendar"
    assert all(q[r.start:r.end] == r.text for r in found)


def test_the_interviewers_turns_give_no_passage():
    text = ("JEAN DUPONT\n\nBonjour madame la ministre, est-ce que les usines vont rouvrir dans les territoires ?\n\n"
            "MARIE CURIE-LEBRUN\n\nOui, nous avons retenu cinq projets de production et 9 millions d'euros sur la "
            "table pour ces projets.\n\nJEAN DUPONT\n\nLes syndicats disent que 280 millions d'aides ont été "
            "versées entre 2016 et 2019, qu'en pensez-vous ?\n\nMARIE CURIE-LEBRUN\n\nJe pense que nous devons "
            "regarder chaque dossier avec les élus et les salariés concernés.")
    doc = {"id": "vp-x", "kind": "other", "date": "2020-09-24", "text": text, "sections": [],
           "metadata": {"title": "Interview de Mme Marie Curie-Lebrun, ministre de l'industrie, le 24 septembre"}}
    kept = [text[c["start"]:c["end"]] for c in document_chunks(doc)]
    assert len(kept) == 2 and all(k.startswith(("Oui", "Je pense")) for k in kept)
    doc["metadata"]["title"] = "Entretien sur l'industrie"  # nobody of the title speaks: everything kept
    assert len(document_chunks(doc)) == 4


class _KB:
    """What PassageIndex.search reads of a KB: a document's text."""

    def __init__(self, text: str):
        self.text = text

    def text_and_date(self, doc_id: str) -> dict:
        return {"text": self.text, "date": "2023-02-08"}


def test_the_next_window_of_a_paragraph_is_joined_when_it_holds_the_amount_asked():
    first = ("La majorité a créé un dispositif qui indexe la taxe sur les concessions autoroutières sur "
             "l'inflation, une mesure contestée par toutes les sociétés concessionnaires.")
    second = " Le tribunal nous a donné raison, nous permettant d'envisager une recette de 2 milliards d'euros."
    text = first + second
    chunks = [{"doc_id": "d", "start": 0, "end": len(first), "origin": "answer", "kind": "government_question",
               "date": "2023-02-08", "terms": terms(first)},
              {"doc_id": "d", "start": len(first) + 1, "end": len(text), "origin": "answer",
               "kind": "government_question", "date": "2023-02-08", "terms": terms(second)}]
    rows = (np.zeros(3, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
    index = PassageIndex(chunks, [], rows)
    hits = index.search(_KB(text), "le montant de la recette attendue de l'indexation de la taxe sur les "
                        "concessions autoroutières", kind="amount")
    best = hits[0]
    assert best.has_figure and best.chunk["start"] == 0 and best.chunk["end"] == len(text)
    assert "2 milliards d'euros" in best.text and best.coverage > 0.5


def _hit(doc: str, score: float, rank: int) -> PassageHit:
    return PassageHit({"doc_id": doc}, "", score, 1.0, True, True, True, rank)


def test_a_passage_of_the_document_answering_the_other_requests_is_preferred_when_close():
    other = [_hit("answer-2023", 0.9, 0)]
    close = [_hit("debate-2020", 0.87, 0), _hit("answer-2023", 0.81, 6)]
    assert _coherent(0, [close, other]).chunk["doc_id"] == "answer-2023"
    far = [_hit("debate-2020", 0.87, 0), _hit("answer-2023", 0.6, 6)]
    assert _coherent(0, [far, other]).chunk["doc_id"] == "debate-2020"
    # nothing among the first ranks: nothing, however close a later one of the same document
    late = [_hit("answer-2023", 0.8, FIRST_RANKS)]
    assert _coherent(0, [late, other]) is None


def test_a_clause_ending_on_a_generic_noun_refers_back_to_the_question():
    assert refers_back("la durée du dispositif")
    assert refers_back("le montant de l'aide accordée à ces projets")
    assert refers_back("le montant de la subvention versée à chaque structure")
    assert not refers_back("le montant du plan fret ferroviaire")
    assert not refers_back("le nombre de projets élaborés par les territoires")


def test_a_weak_thing_has_fewer_than_two_telling_words():
    assert weak("salariés concernés") and weak("crédits engagés") and weak("emplois créés")
    assert not weak("territoires d'industrie") and not weak("colis alimentaires")


def test_of_values_of_one_date_the_one_said_closest_to_the_thing():
    values = [{"text": "300 millions d'euros", "date": "2022-11-09",
               "sentence": "Nous avons annoncé 300 millions d'euros de mesures d'urgence pour la rentrée."},
              {"text": "1 euro", "date": "2022-11-09",
               "sentence": "Parmi les mesures d'urgence, une aide de 100 euros et le maintien des repas à 1 euro."}]
    assert _closest(values, "mesures d'urgence")["text"] == "300 millions d'euros"
    assert _closest(values[:1], "mesures d'urgence") is None


def test_a_qualified_value_holds_its_qualifiers_in_its_own_clause():
    v = {"text": "22 400 cas", "sentence": "En France, 2 171 cas sont recensés ; 79 pays sont touchés pour 22 400 cas."}
    assert _clause_of(v) == " 79 pays sont touchés pour 22 400 cas."
    assert _clause_of({**v, "text": "2 171 cas"}) == "En France, 2 171 cas sont recensés "


def test_a_shorter_thing_does_not_end_on_an_article():
    assert "mesures d'urgence annoncées pour la" not in candidates("mesures d'urgence annoncées pour la rentrée", 2)
    assert "mesures d'urgence annoncées" in candidates("mesures d'urgence annoncées pour la rentrée", 2)
