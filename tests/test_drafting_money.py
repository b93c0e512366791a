"""Draft answers: euro amounts of cited passages checked against later amounts of the same thing (issue 6)."""
from __future__ import annotations

import pytest
from conftest import answer_passages

from tdi_nlp.drafting import draft
from tdi_nlp.figures import stale_figures
from tdi_nlp.figures.french import french_amount
from tdi_nlp.figures.amounts import amount_interval

QUESTION = "Texte de la question\n\n{q}\n\nTexte de la réponse\n\n{a}\n"
DOCS = [
    ("qe-old", "written_question", "2019-03-12", QUESTION.format(
        q="M. Martin interroge Mme la secrétaire d'État sur les moyens financiers du programme Territoires "
          "d'industrie.",
        a="Le programme Territoires d'industrie est doté de 1,36 milliard d'euros, dont 500 millions d'euros "
          "apportés par la Banque des Territoires. Chaque projet retenu au titre du programme Territoires "
          "d'industrie reçoit en moyenne 150 000 euros par projet. Le programme Action cœur de ville est doté de "
          "5 milliards d'euros.")),
    ("pr-new", "press_release", "2020-06-30",
     "Le programme Territoires d'industrie est désormais doté de 2 milliards d'euros. Chaque projet retenu au "
     "titre du programme Territoires d'industrie reçoit en moyenne 300 000 euros par projet. À ce jour, "
     "800 millions d'euros ont été engagés au titre du programme Territoires d'industrie."),
    # a later question: a deputy's figure is not the government's
    ("qe-late", "written_question", "2021-01-20", QUESTION.format(
        q="M. Durand rappelle que le programme Territoires d'industrie est doté de 3 milliards d'euros et "
          "interroge le ministre sur les usines.",
        a="Le Gouvernement soutient les usines de nos territoires industriels.")),
    # a later regional amount is another thing than the national envelope
    ("pr-region", "press_release", "2021-06-01", "En Occitanie, le programme Territoires d'industrie est doté de "
                                                 "90 millions d'euros."),
    # later amounts of a part of the programme, or spent within it, are not its envelope
    ("pr-part", "press_release", "2022-01-10", "Le volet numérique du programme Territoires d'industrie, c'est "
                                               "400 millions d'euros. Dans le programme Territoires d'industrie, "
                                               "250 millions d'euros sont consacrés à la formation."),
    # "passe de 30 à 54 milliards": 54 milliards is the value, 30 the older one
    ("qe-2030", "written_question", "2021-11-02", QUESTION.format(
        q="Mme Roux interroge le Gouvernement sur le plan France 2030.",
        a="Le plan France 2030 est doté de 30 milliards d'euros.")),
    ("pr-2030", "press_release", "2022-06-01", "L'enveloppe du plan France 2030 passe de 30 milliards à "
                                               "54 milliards d'euros."),
    # same date and older amounts of another programme
    ("qe-pvd", "written_question", "2021-05-04", QUESTION.format(
        q="Mme Petit interroge la ministre sur le programme Petites villes de demain.",
        a="Le programme Petites villes de demain est doté de 3 milliards d'euros.")),
    ("pr-pvd-same", "press_release", "2021-05-04", "Le programme Petites villes de demain est doté de "
                                                   "2,5 milliards d'euros."),
    ("pr-pvd-old", "press_release", "2020-10-01", "Le programme Petites villes de demain est doté de "
                                                  "2 milliards d'euros."),
    # "plus de 100 milliards" still holds when 100 milliards is said later
    ("qe-relance", "written_question", "2020-09-15", QUESTION.format(
        q="M. Leroy interroge le ministre sur le plan France Relance.",
        a="Le plan France Relance est doté de plus de 100 milliards d'euros pour la relance de l'économie.")),
    ("pr-relance", "press_release", "2021-03-01", "Le plan France Relance est doté de 100 milliards d'euros."),
]


@pytest.fixture(scope="module")
def money_kb(kb_from_texts):
    return kb_from_texts("money", DOCS)


def _answer_passages(kb, doc_id: str):
    return answer_passages(kb, doc_id)


def _money(figures: list[dict]) -> dict[str, dict]:
    return {f["text"]: f for f in figures if f.get("label") == "MONEY"}


def test_older_envelope_is_flagged_with_the_newer_one(money_kb):
    found = _money(stale_figures(money_kb, _answer_passages(money_kb, "qe-old")))
    f = found["1,36 milliard d'euros"]
    assert f["value"] == 1_360_000_000 and f["date"] == "2019-03-12" and f["unit"] == "EUR"
    # the newest national government figure: not the deputy's 3 milliards of 2021, not the 800 millions already
    # committed, not the 90 millions of one region, not the 400 and 250 millions of parts of the programme (2022)
    assert f["newer_value"] == 2_000_000_000 and f["newer_date"] == "2020-06-30" and f["newer_doc_id"] == "pr-new"
    assert f["newer_display"] == "2 milliards d'euros" and "2 milliards" in f["newer_snippet"]
    assert {"text", "value", "doc_id", "source", "start", "end", "newer_value", "newer_text",
            "newer_sentence"} <= set(f)


def test_parts_per_project_amounts_and_other_programmes_are_not_flagged(money_kb):
    found = _money(stale_figures(money_kb, _answer_passages(money_kb, "qe-old")))
    assert "500 millions d'euros" not in found        # a share ("dont ...")
    assert "150 000 euros" not in found               # per project, though 300 000 euros is said later
    assert "5 milliards d'euros" not in found         # Action cœur de ville: no later amount of its own
    assert list(found) == ["1,36 milliard d'euros"]


def test_a_change_gives_its_new_value(money_kb):
    f = _money(stale_figures(money_kb, _answer_passages(money_kb, "qe-2030")))["30 milliards d'euros"]
    assert f["newer_value"] == 54_000_000_000 and f["newer_doc_id"] == "pr-2030"


def test_same_date_and_older_amounts_are_not_flagged(money_kb):
    assert _money(stale_figures(money_kb, _answer_passages(money_kb, "qe-pvd"))) == {}


def test_a_later_amount_within_the_cited_bound_is_not_flagged(money_kb):
    assert _money(stale_figures(money_kb, _answer_passages(money_kb, "qe-relance"))) == {}
    low, high = amount_interval({"amount": 1e9, "qualifier": ">"})
    assert low == 1e9 and low < 1.36e9 < high < 2e9


def test_draft_lists_the_amount_in_french(money_kb):
    d = draft("Quels sont les moyens financiers du programme Territoires d'industrie ?", money_kb,
              territories=set(), themes=set())
    assert d.sources[0]["id"] == "qe-old"
    assert "### Chiffres à vérifier" in d.text, d.text
    assert "« 1,36 milliard d'euros » [1] : la base connaît 2 milliards d'euros au 30 juin 2020" in d.text
    assert [f["text"] for f in d.stale_figures if f["label"] == "MONEY"] == ["1,36 milliard d'euros"]


def test_french_amounts():
    assert french_amount(1.36e9) == "1,36 milliard d'euros"
    assert french_amount(2e9) == "2 milliards d'euros"
    assert french_amount(1e9, ">") == "plus d'un milliard d'euros"
    assert french_amount(150_000) == "150 000 euros"
    assert french_amount(1500.5) == "1 500,50 euros"
    assert french_amount(1e7, "=", 2e7) == "entre 10 millions et 20 millions d'euros"


@pytest.mark.parametrize("question", [
    "Combien de territoires d'industrie sont labélisés à date ? Quel calendrier de signature des contrats en "
    "Hauts-de-France ?",
    "Quels moyens financiers l'État consacre-t-il au programme Territoires d'industrie ?",
])
def test_demo_corpus_draft_gains_no_money_flag(seeds_kb, question):
    d = draft(question, str(seeds_kb))
    assert [f for f in d.stale_figures if f.get("label") == "MONEY"] == [], d.text
    assert all(f["label"] == "COUNT" for f in d.stale_figures)
