"""PERSON rules of round 5 (issue 14, tests/data/eval/dev_people5), on sentences written for the tests."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons"])


def test_a_title_no_table_resolves_takes_the_name_apposed_after_it(nlp):
    found = dict((s.text, s._.entity_id) for s in facts(
        nlp, "Le ministre a limogé le directeur de la PJ de Lyon, Paul Durandet, hier.", "PERSON",
        "2022-10-20"))
    assert found.get("Paul Durandet") == "person:paul-durandet"
    assert [k for k in found if k.startswith(("directeur", "le directeur"))]
    assert all(v == "person:paul-durandet" for k, v in found.items() if "directeur" in k)
