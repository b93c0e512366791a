"""Draft answers: a count is out of date only when a later count of the same thing exists (issue 6)."""
from __future__ import annotations

import pytest
from conftest import answer_passages

from tdi_nlp.figures import stale_figures
from tdi_nlp.figures import latest, timeline

QUESTION = "Texte de la question\n\n{q}\n\nTexte de la réponse\n\n{a}\n"
DOCS = [
    ("qe-2019", "written_question", "2019-04-16", QUESTION.format(
        q="M. Martin interroge la ministre sur le programme Territoires d'industrie.",
        a="Le Premier ministre a annoncé 124 territoires d'industrie. Dans l'usine de Lens, 600 emplois ont été "
          "créés. Le programme Petites villes de demain concerne 1 000 communes.")),
    # a later national count of the same programme: 124 is out of date
    ("pr-2019", "press_release", "2019-09-24", "Le programme compte désormais 144 territoires d'industrie."),
    # a deputy's later figure is not the government's
    ("qe-2020", "written_question", "2020-03-01", QUESTION.format(
        q="M. Durand affirme que le programme compte 200 territoires d'industrie.",
        a="Le Gouvernement soutient l'industrie.")),
    # a later regional count of the same programme is another thing
    ("pr-region", "press_release", "2020-01-10", "En Occitanie, on compte 15 territoires d'industrie."),
    # a later count of jobs elsewhere does not make the Lens figure out of date
    ("pr-jobs", "press_release", "2020-02-01", "À Dunkerque, 4 emplois ont été créés."),
    # a target for 2024, said in 2020, is not a value known in 2024
    ("pr-target", "press_release", "2020-10-01", "Le programme Petites villes de demain concernera 3 000 communes "
                                                 "d'ici novembre 2024."),
]


@pytest.fixture(scope="module")
def counts_kb(kb_from_texts):
    return kb_from_texts("counts", DOCS)


def _answer(kb, doc_id: str):
    return answer_passages(kb, doc_id)


def test_only_the_national_programme_count_is_flagged(counts_kb):
    flagged = {f["value"]: f for f in stale_figures(counts_kb, _answer(counts_kb, "qe-2019")) if f["label"] == "COUNT"}
    assert set(flagged) == {124}
    assert flagged[124]["newer_value"] == 144 and flagged[124]["newer_doc_id"] == "pr-2019"


def test_a_target_is_not_the_latest_value(counts_kb):
    values = timeline(counts_kb, "communes")
    target = next(v for v in values if v["value"] == 3000)
    assert target["date_from"] == "projection"
    assert latest(values)["value"] != 3000
