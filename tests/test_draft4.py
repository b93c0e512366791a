"""Draft requests, round 4 (issue 13): synonyms of the search and drafting queries, the counted thing a few words
before a dash or a colon, dates said relative to today, a tariff asked as an amount, a paragraph or a sentence that
opens on what the one before named, the latest passage for today's value. Sentences and passages written for these tests."""
from __future__ import annotations

import numpy as np

from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.answers import _TODAY, FIRST_RANKS, _latest
from tdi_nlp.drafting.passages import PassageHit, PassageIndex, _near, figure_kind, holds_figure, synonyms
from tdi_nlp.eval.requests import half
from tdi_nlp.kb.search import parse
from tdi_nlp.text_utils import synonym_groups


def stem(word: str) -> str:
    return terms(word)[0]


class _KB:
    def __init__(self, text: str):
        self.text = text

    def text_and_date(self, doc_id: str) -> dict:
        return {"text": self.text, "date": "2023-01-10"}


def _index(paragraphs: list[str]) -> tuple[PassageIndex, str]:
    """An index of one answer whose chunks are these paragraphs (one a line)."""
    text, chunks = "", []
    for p in paragraphs:
        start = len(text)
        text += p + "\n"
        chunks.append({"doc_id": "d", "start": start, "end": start + len(p), "origin": "answer",
                       "kind": "government_question", "date": "2023-01-10", "terms": terms(p)})
    rows = (np.zeros(len(chunks) + 1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
    return PassageIndex(chunks, [], rows), text


def test_the_synonym_table_is_data_and_holds_groups():
    groups = synonym_groups()
    assert groups and all(len(g) > 1 for g in groups)
    assert any("espaces France Services" in g and "maisons France Services" in g for g in groups)


def test_a_clause_naming_a_synonym_phrase_gets_the_other_phrase():
    assert synonyms("le nombre de maisons France Services ouvertes dans le Cher") == [
        (tuple(terms("maisons France Services")), tuple(terms("espaces France Services")))]
    assert synonyms("le nombre d'agences postales ouvertes") == []


def test_the_search_query_expands_to_the_synonym_phrase():
    q = parse("chômage partiel Ardennes")
    assert parse('"activité partielle"').phrases[0] in q.phrases and len(q.terms) == 3
    assert set(parse("gazole").terms) == set(parse("gasoil").terms) == {parse("gazole").terms[0],
                                                                        parse("gasoil").terms[0]}
    assert not parse("chômage Ardennes").phrases  # one word of a phrase is not the phrase
    assert not parse('-"chômage partiel"').phrases  # an excluded phrase adds nothing


def test_a_passage_naming_the_synonym_covers_the_clause_and_its_count():
    index, text = _index(["Nous ouvrons partout des espaces France Services : 2 600 d'entre eux dans le pays.",
                          "Les agences postales communales restent ouvertes six jours sur sept."])
    best = index.search(_KB(text), "le nombre de maisons France Services ouvertes", kind="count")[0]
    assert best.chunk["start"] == 0 and best.has_figure and best.coverage > 0.6


def test_the_counted_thing_a_few_words_before_a_dash_or_a_colon():
    assert holds_figure("En deux ans, des centaines de guichets ont été rénovés – 412 exactement.", "count",
                        stem("guichets")) == 1.0
    assert holds_figure("Les guichets rénovés cette année : 412.", "count", stem("guichets")) == 1.0
    # the counted thing six words or more before the dash is no longer the number's
    assert holds_figure("Des guichets, nous en avons rénové dans toutes les villes – 412.", "count",
                        stem("guichets")) < 1.0


def test_a_date_said_relative_to_today_answers_a_calendar_request():
    for text in ("L'accord devrait être signé dès jeudi par les deux parties.",
                 "Les mesures seront présentées avant la fin de l'année.",
                 "Une décision sera prise dans les prochains mois avec les élus.",
                 "Le décret paraîtra la semaine prochaine."):
        assert holds_figure(text, "calendar", None) == 1.0, text
    assert holds_figure("Une décision sera prise avec les élus, sans attendre.", "calendar", None) == 0.0


def test_a_tariff_or_a_price_is_asked_as_an_amount():
    assert figure_kind("le tarif prévu pour la vignette des poids lourds", "other") == "amount"
    assert figure_kind("le prix moyen du repas à la cantine", None) == "amount"
    assert figure_kind("la part des communes qui ont relevé leurs tarifs", "other") == "percent"
    assert figure_kind("les raisons de la hausse des tarifs", "other") is None


def test_a_paragraph_opening_on_the_one_before_is_anchored_by_its_names():
    index, text = _index(["Après le cyclone Berthe, les conduites du réseau de Pointe-Noire ont cédé en trois points.",
                          "Pour faire face à cette situation, 800 citernes d'eau ont été livrées aux habitants.",
                          "Ailleurs, 300 citernes ont été livrées aux écoles."])
    hits = index.search(_KB(text), "le nombre de citernes livrées après le cyclone Berthe", kind="count")
    here = {h.chunk["start"]: h.anchored_here for h in hits}
    assert here[text.index("Pour faire")] is True
    assert here[text.index("Ailleurs")] is False


def test_a_sentence_opening_on_the_one_before_goes_with_it():
    text = ("Nous avons lancé le plan Ruralité connectée avec les départements. Cela porte ses fruits : 950 antennes "
            "ont été posées. Dans les villes, 40 antennes ont été posées.")
    near = _near(text, [("ruralite",), ("connectee",)])
    assert "950 antennes" in near and "40 antennes" not in near


def test_a_question_may_say_its_half():
    assert half({"id": "d88", "half": "tuning"}) == "tune"
    assert half({"id": "d87", "half": "test"}) == "test"
    assert half({"id": "d87"}) == "tune" and half({"id": "d88"}) == "test"


def _dated(doc: str, date: str, score: float, rank: int, figure: bool = True) -> PassageHit:
    return PassageHit({"doc_id": doc, "date": date}, "", score, 1.0, True, figure, True, rank)


def test_a_request_for_todays_value_takes_the_latest_close_passage():
    old, new = _dated("answer-2022", "2022-03-01", 0.9, 0), _dated("answer-2023", "2023-02-01", 0.8, 2)
    far = _dated("answer-2024", "2024-01-01", 0.5, 3)
    assert _latest(old, [old, new, far]) is new  # far scores under LATEST of the first
    assert _latest(old, [old, _dated("answer-2023", "2023-02-01", 0.8, 2, figure=False)]) is old
    assert _latest(old, [old, _dated("answer-2023", "2023-02-01", 0.8, FIRST_RANKS)]) is old
    assert _TODAY.search("le nombre de guichets ouverts à ce jour") and not _TODAY.search("le nombre de guichets")
