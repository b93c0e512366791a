"""TERRITORY and PROGRAMME rules of round 4 (issue 14, dev_places4, precision first): France in capitals headings
and after a speaker's line, coordinations with "car", French homonyms abroad, short and former commune names, an
EPCI by the start of its name, times after a town, events named after a place; not places: embassies, gulfs,
corridors, streets and palaces, speakers' first names, a portfolio's second item. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import linked

from tdi_nlp.components import facts
from tdi_nlp.components.territories.component import _speaker




@pytest.mark.parametrize("text, expected", [
    # a heading in capitals: "DE LA FRANCE" is the country, capitals say nothing of a body's name
    ("POLITIQUE AGRICOLE DE LA FRANCE\n\nMme Anne Durand\n\nLa France exporte du blé.",
     [("FRANCE", "country:FR"), ("France", "country:FR")]),
    ("SOUTIEN DE LA FRANCE AU MAROC\n\nM. Paul Morin", [("FRANCE", "country:FR"), ("MAROC", "country:MA")]),
    # "car" coordinates: "les Italiens car la France" is no body "Italiens ... France"
    ("Je pense aux Italiens car la France reste solidaire.", [("France", "country:FR")]),
    # the first item of a portfolio in lower case; capitalized countries listed after "ministres de" stay places
    ("Les ministres de l'intérieur de la France, de l'Espagne et de l'Italie se réunissent.",
     [("France", "country:FR"), ("Espagne", "country:ES"), ("Italie", "country:IT")]),
    # a French homonym followed by a foreign country is abroad, and so are its other mentions
    ("Le sommet s'est tenu à Valence, en Espagne ; à Valence, les délégués ont signé.",
     [("Valence", None), ("Espagne", "country:ES")]),
    ("Il vit désormais à Valence (Espagne).", [("Valence", None)]),
    # a commune by the start of its name: named in full before, or the only big one so named
    ("Il a grandi à Conflans-Sainte-Honorine. Après le drame, on a manifesté à Conflans samedi.",
     [("Conflans-Sainte-Honorine", "commune:78172"), ("Conflans", "commune:78172")]),
    ("Trois policiers ont été blessés à Herblay samedi.", [("Herblay", "commune:95306")]),
    # an EPCI by the start of its name, not the EPCI of a homonym town ("Aix" in Corrèze)
    ("Les élus de la métropole d'Aix-Marseille demandent des moyens.", [("Aix-Marseille", "epci:200054807")]),
    # a town by the start of its name with its article, much bigger than the village of the bare word
    ("Les congrès de La Rochelle et de La Baule sont complets.",
     [("La Rochelle", "commune:17300"), ("La Baule", "commune:44055")]),
    # a battle named after a town: the town much bigger than its homonyms
    ("La bataille de Verdun est commémorée chaque année.", [("Verdun", "commune:55545")]),
    # a town whose name starts with an article, after a contracted one
    ("Les dockers du Havre rencontrent les cheminots du Mans.",
     [("Havre", "commune:76351"), ("Mans", "commune:72181")]),
    # after a commune cue too: "la ville du Port" is Le Port, not the village Port
    ("Le maire du Port et la mairie de Port se jumellent.", [("Port", "commune:97407"), ("Port", "commune:01307")]),
    # a court of appeal names its town (an appeal does not: "l'appel de Strasbourg" is no place for named_after)
    ("La cour d'appel de Douai a rendu son arrêt.", [("Douai", "commune:59178")]),
    # a time after a town named with a bare preposition
    ("Les ministres se sont retrouvés à Salzbourg hier soir.", [("Salzbourg", None)]),
    # an attack named after a place holds it; a spelling without hyphen of a listed region
    ("Depuis l'attentat de Christchurch, les plateformes coopèrent avec le Moyen Orient.",
     [("Christchurch", None), ("Moyen Orient", None)]),
    # a treaty holds its place, French or not (the blind samples' judgement)
    ("Les signataires du traité de Lisbonne tiennent à l'accord de Paris sur le climat.",
     [("Lisbonne", None), ("Paris", "commune:75056")]),
])
def test_places(nlp, text, expected):
    got = linked(nlp, text, "TERRITORY")
    for item in expected:
        assert item in got, (item, got)


@pytest.mark.parametrize("text, not_places", [
    # an embassy is a body named after the country it represents
    ("Il a appelé l'ambassade de France à Rabat.", ["France"]),
    # natural features and corridors are no places
    ("La piraterie dans le golfe de Guinée inquiète les armateurs.", ["Guinée"]),
    ("Le blocage du couloir de Latchine continue.", ["Latchine"]),
    ("Les randonneurs des gorges du Verdon et de la vallée de la Roya sont évacués.", ["Verdon", "Roya"]),
    # streets and palaces for their occupants, accents or not
    ("Les conseillers du Quai d'Orsay et de l'Elysée restent prudents.", ["Quai d'Orsay", "Elysée"]),
    # a name the NER took for a place, followed by a time, after a contracted article: a thing
    ("Le ministre a parlé du Scaf hier à Berlin.", ["Scaf"]),
])
def test_not_places(nlp, text, not_places):
    got = [t for t, _ in linked(nlp, text, "TERRITORY")]
    for name in not_places:
        assert name not in got, (name, got)


def test_a_glued_hyphen_is_no_bullet(nlp):
    # "Médecins-Urgentistes de France" is a body's name: the hyphen does not start a sentence
    text = "Il a présidé l'association Médecins-Urgentistes de France puis a vécu en France."
    assert [s.start_char for s in facts(nlp(text), "TERRITORY")] == [text.rindex("France")]


def test_a_surname_after_a_first_name_is_no_town(nlp):
    text = "Nous recevons ce matin Julien MACON.\n\nJULIEN MACON\n\nBonjour. Je rentre de Mâcon et de Lyon."
    got = linked(nlp, text, "TERRITORY")
    assert ("MACON", "commune:71270") not in got and ("Lyon", "commune:69123") in got


def test_a_speakers_first_name_is_no_place():
    text = "Écoutez ce message, c'est celui de Noémie.\n\nNOÉMIE LAMBERT, FLEURISTE A TOURS\n\nMon chiffre a chuté."
    assert _speaker(text, "Noémie")
    assert not _speaker(text, "Tours")


def test_a_programme_in_a_portfolio_is_not_a_mention(nlp):
    text = ("Mme Claire Roux, secrétaire d'État chargée de la jeunesse et du service national universel\n\n"
            "Le service national universel accueille des volontaires.")
    got = facts(nlp(text), "PROGRAMME")
    assert [s.start_char for s in got] == [text.rindex("service national universel")]


def test_a_one_word_programme_repeats_in_parentheses_only(nlp):
    text = ("Le dispositif d'aide aux collégiens (Boussole) commence. Le programme Boussole sera étendu. "
            "La Boussole d'or est un prix.")
    got = [(s.text, s.start_char) for s in facts(nlp(text), "PROGRAMME")]
    assert ("Boussole", text.index("(Boussole)") + 1) in got
    assert ("Boussole", text.index("programme Boussole") + len("programme ")) in got
    assert len(got) == 2
