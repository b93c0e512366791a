"""Today's figures on the demo corpus: a count or amount request states the KB timeline's latest value with its date
and source, even when no past answer holds it (issue 13: press release of 24 September 2019)."""
from __future__ import annotations

import pytest

from tdi_nlp.drafting import draft
from tdi_nlp.figures import today_figure
from tdi_nlp.kb import KnowledgeBase

MINISTRY = "Mme la secrétaire d'État auprès du ministre de l'économie et des finances"


@pytest.fixture(scope="module")
def seeds(seeds_kb):
    with KnowledgeBase(seeds_kb) as kb:
        yield kb


def test_count_and_amount_of_the_press_release(seeds):
    q = (f"M. Paul Essai attire l'attention de {MINISTRY} sur les Territoires d'industrie. Il souhaite connaître "
         "le nombre de territoires d'industrie labellisés, le montant des crédits mobilisés par l'État et ses "
         "opérateurs et le nombre de projets ayant fait l'objet d'un engagement de l'État.")
    d = draft(q, seeds)
    assert [r["kind"] for r in d.requests] == ["count", "amount", "count"]
    assert d.requests[0]["figure"]["value"] == 144 and d.requests[0]["figure"]["date"] == "2019-09-24"
    assert "144 territoires d'industrie au 24 septembre 2019" in d.text
    blocks = d.text.split("**2. ")[1].split("**3. ")
    assert "108 millions d'euros" in blocks[0]
    assert "231" in blocks[1].split("###")[0]
    assert all(r["found"] for r in d.requests)
    assert any(s["id"].startswith("002_") for s in d.sources)


def test_a_count_of_a_qualified_noun_takes_its_part(seeds):
    """"231 d'entre eux ont fait l'objet d'un engagement de l'Etat": the count of the projects so qualified, said
    with the noun counted; the 474 projects elaborated are another count of the same noun."""
    engaged = today_figure(seeds, "le nombre de projets ayant fait l'objet d'un engagement de l'État", "count")
    assert engaged["value"] == 231 and engaged["display"] == "231 projets" and engaged["date"] == "2019-09-24"
    elaborated = today_figure(seeds, "le nombre de projets élaborés par les territoires", "count")
    assert elaborated["value"] == 474


def test_an_amount_without_its_money_word_and_the_anchors_of_the_clause(seeds):
    fig = today_figure(seeds, "le montant des crédits mobilisés par l'État et ses opérateurs", "amount")
    assert fig["value"] == 108_000_000 and fig["display"] == "108 millions d'euros"
    assert today_figure(seeds, "le montant mobilisé par l'État et ses opérateurs", "amount")["value"] == 108_000_000
    # a place the value's document never names: no figure of the whole programme instead
    assert today_figure(seeds, "le nombre de territoires d'industrie", "count", [("cantal",)]) is None
    assert today_figure(seeds, "le nombre de territoires d'industrie", "count", [("2031",)]) is None
    assert today_figure(seeds, "le nombre de territoires d'industrie", "count")["value"] == 144
