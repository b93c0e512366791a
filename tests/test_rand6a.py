"""ORG and TERRITORY rules of round 6 from the random sample tests/data/eval/dev_random6a: police directorates as
bodies, and the minimum wage that the stock NER takes for a place. Sentences written
for these tests."""
from __future__ import annotations

import pytest

from conftest import facts, linked


@pytest.fixture(scope="module")
def nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_territories", "tdi_persons", "tdi_orgs"])


def orgs(nlp, text, date="2022-11-20"):
    return [(s.text, s._.entity_id) for s in facts(nlp, text, "ORG", date)]


def test_police_directorates_are_bodies(nlp):
    text = ("Les enquêteurs de la direction centrale de la police judiciaire et ceux de la police aux frontières "
            "travaillent ensemble ; la police judiciaire garde ses missions.")
    assert orgs(nlp, text) == [
        ("direction centrale de la police judiciaire", "org:direction-centrale-de-la-police-judiciaire"),
        ("police aux frontières", "org:police-aux-frontieres"),
        ("police judiciaire", "org:police-judiciaire")]


def test_the_long_name_of_the_border_police(nlp):
    text = "Les agents de la police de l'air et des frontières contrôlent les arrivées à Roissy."
    assert ("police de l'air et des frontières", "org:police-aux-frontieres") in orgs(nlp, text)


def test_the_minimum_wage_is_no_place(nlp):
    text = "La pension minimale atteindra 85 % du Smic pour une carrière complète à Lille."
    assert [t for t, _ in linked(nlp, text, "TERRITORY")] == ["Lille"]
