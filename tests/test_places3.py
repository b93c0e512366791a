"""TERRITORY and PROGRAMME rules of round 3 (issue 14, dev_places3): Mayotte and Guyane as departments, speakers'
first names, homonym towns placed by the towns nearby, streets, acronyms, foreign capitals and regions, parts of
France; programme short forms ("le Ségur") and aliases. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import linked




@pytest.mark.parametrize("text, expected", [
    # single-department overseas regions: the department unless a cue says "région"
    ("Les retraités de Mayotte et ceux de Guyane attendent.",
     [("Mayotte", "department:976"), ("Guyane", "department:973")]),
    ("Le conseil régional de Guyane et la région Mayotte ont voté.",
     [("Guyane", "region:03"), ("Mayotte", "region:06")]),
    ("Les élus de Martinique et de Guadeloupe sont reçus.", [("Martinique", "region:02"), ("Guadeloupe", "region:01")]),
    # a homonym commune placed by the towns named nearby
    ("Il fut commissaire à Saint-Denis, puis chef de la circonscription de Stains, puis de nouveau à Saint-Denis.",
     [("Saint-Denis", "commune:93066"), ("Stains", "commune:93072"), ("Saint-Denis", "commune:93066")]),
    # a part of the country, not a body "... de la France"
    ("Les journaux régionaux de l'Est de la France en parlent.", [("France", "country:FR")]),
    # foreign capitals and regions, listed places without an id
    ("Le ministre était à Amman, puis à Jérusalem ; il refuse de traiter avec Washington.",
     [("Amman", None), ("Jérusalem", None), ("Washington", None)]),
    ("Les déplacements vers la Bavière et aux Antilles sont déconseillés.", [("Bavière", None), ("Antilles", None)]),
    ("La normalisation avec les Emirats est annoncée.", [("Emirats", "country:AE")]),
    ("Un glacier s'est écroulé au Kirghizistan.", [("Kirghizistan", "country:KG")]),
    # a treaty named after a foreign place holds it
    ("Le traité d'Aix-la-Chapelle prolonge celui de l'Élysée.", [("Aix-la-Chapelle", None)]),
])
def test_places(nlp, text, expected):
    got = linked(nlp, text, "TERRITORY")
    for item in expected:
        assert item in got, (item, got)


@pytest.mark.parametrize("text, not_places", [
    # a first name and a surname in capitals: the speaker, not the department
    ("AUDE RASO\n\nBonjour Marlène SCHIAPPA.\n\nMARLENE SCHIAPPA\n\nBonjour, Aude RASO.", ["Aude", "AUDE"]),
    ("Nous recevons Florence PARLY ce matin.", ["Florence"]),
    # a street named after a town
    ("Le drame rappelle celui de la rue d'Aubagne, et celui de l'avenue de Lyon.", ["Aubagne", "Lyon"]),
    # bodies and instruments named after a listed place
    ("Les coprésidents du Groupe de Minsk invoquent la convention de Berne et le mécanisme de Moscou.",
     ["Minsk", "Berne", "Moscou"]),
    # an acronym spelled out before its parentheses
    ("L'allocation de solidarité aux personnes âgées (Aspa) est plafonnée ; l'Aspa à Mayotte est plus faible.",
     ["Aspa"]),
])
def test_not_places(nlp, text, not_places):
    got = [t for t, _ in linked(nlp, text, "TERRITORY")]
    assert not set(got) & set(not_places), got


def test_homonym_alone_unlinked(nlp):
    # no town, department or region nearby: no commune id is guessed among the Saint-Denis
    assert all(i is None for _, i in linked(nlp, "Il est né à Saint-Denis, il y a longtemps.", "TERRITORY"))


def test_places_kept_beside_capitals(nlp):
    # a heading in capitals with a common word after the place, a department after an article
    assert ("MAYOTTE", "department:976") in linked(nlp, "LA RETRAITE À MAYOTTE DÉPEUPLÉE\n\nTexte.", "TERRITORY")
    assert ("Aude", "department:11") in linked(nlp, "Les vignerons de l'Aude sont inquiets.", "TERRITORY")


@pytest.mark.parametrize("text, expected", [
    # a listed programme's short form after an article
    ("Les revalorisations du Ségur ont été versées ; le Ségur a coûté cher.",
     [("Ségur", "programme:segur-de-la-sante"), ("Ségur", "programme:segur-de-la-sante")]),
    # a street, a person, a longer name: not the programme
    ("Le ministère, avenue de Ségur, lit la comtesse de Ségur ; le Ségur Immobilier vend.", []),
    ("Le plan 1jeune1solution, le pass Sport et MaPrimeAdapt' aident.",
     [("1jeune1solution", "programme:1-jeune-1-solution"), ("pass Sport", "programme:pass-sport"),
      ("MaPrimeAdapt'", "programme:maprimeadapt")]),
    # the name without its cue word
    ("Le plan Avenir montagnes finance la diversification.", [("Avenir montagnes", "programme:avenir-montagnes")]),
    # the plan the 27 adopt is the European one
    ("D'ici à la fin de l'année, les 27 doivent adopter le plan de relance post-Covid.",
     [("plan de relance", "programme:nextgenerationeu")]),
])
def test_programmes(nlp, text, expected):
    assert linked(nlp, text, "PROGRAMME") == expected
