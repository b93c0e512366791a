"""Round 8 recall rules (issue 14), written from the misses of the tuned-on dev samples: a list of places opened by
a plural place noun ("quatre communes – A, B et C –"), the capitalized "le Président" alone, historical figures
named by surname alone, bodies and programmes the gazetteer lacked, "du Parisien" for the paper "Le Parisien" and
acronyms of programmes beside their long form. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def pnlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def found(nlp, text, label, date="2023-03-15"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, label, date)]


# -- places -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Trois communes – Rencurel, Malleval-en-Vercors et Izeron – attendent encore la fibre.",
     ["Rencurel", "Malleval-en-Vercors", "Izeron"]),
    ("Les villages concernés : Vassieux-en-Vercors, Rencurel, Izeron et Cognin-les-Gorges.",
     ["Vassieux-en-Vercors", "Rencurel", "Izeron", "Cognin-les-Gorges"]),
])
def test_a_list_opened_by_a_place_noun_holds_places(pnlp, text, names):
    assert [t for t, _ in found(pnlp, text, "TERRITORY")] == names


def test_a_list_of_people_after_a_comma_is_still_no_place(pnlp):
    text = "Ils s'appelaient Zoumba, Matalé, Kinoué et Sidonie ; tous ont fui la plantation."
    assert found(pnlp, text, "TERRITORY") == []
