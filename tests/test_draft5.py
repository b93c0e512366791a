"""Draft requests, round 5 (issue 13): a count or an amount answers its request only in a passage naming what is
counted or priced (its head noun, a synonym or an acronym), unless the head only says money ("les aides du
programme X"), and an average only in one giving an average. Sentences and passages written for these tests."""
from __future__ import annotations

from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.passages import object_term

from test_draft4 import _KB, _index


def test_the_head_noun_of_a_count_or_an_amount_request():
    assert object_term("le nombre de guichets rénovés dans le département") == terms("guichets")[0]
    assert object_term("le montant total des pénalités déjà perçues") == terms("pénalités")[0]
    assert object_term("le montant de la participation de la région") == terms("participation")[0]


def test_a_head_that_only_says_money_names_no_object():
    assert object_term("le montant des aides du programme Petites villes de demain") is None
    assert object_term("le montant des crédits consacrés aux ponts") is None
    assert object_term("le calendrier des travaux") is None


def test_an_amount_of_something_else_does_not_answer():
    index, text = _index(["Le chantier du tunnel coûtera 12 milliards d'euros, financés pour moitié par l'État.",
                          "Les riverains seront consultés avant la fin de l'année sur le tracé retenu."])
    hits = index.search(_KB(text), "le montant des pénalités versées par le constructeur", kind="amount")
    assert hits and not any(h.has_figure for h in hits)


def test_an_amount_naming_its_object_answers():
    index, text = _index(["Le constructeur a déjà versé des pénalités de 3 millions d'euros aux communes.",
                          "Les riverains seront consultés avant la fin de l'année sur le tracé retenu."])
    best = index.search(_KB(text), "le montant des pénalités versées par le constructeur", kind="amount")[0]
    assert best.chunk["start"] == 0 and best.has_figure


def test_a_count_of_something_else_does_not_answer():
    index, text = _index(["Plus de 4 000 patients ont été accueillis dans les services de pédiatrie cet hiver.",
                          "Les équipes ont été renforcées dans chaque région."])
    hits = index.search(_KB(text), "le nombre de lits de pédiatrie ouverts cet hiver", kind="count")
    assert hits and not any(h.has_figure for h in hits)


def test_money_heads_are_data():
    from tdi_nlp.figures.amounts import amount_rules
    assert "aide" in amount_rules()["generic_request_heads"]


def test_an_average_is_answered_by_a_passage_giving_one():
    index, text = _index(["Les communes ont reçu au total 40 millions d'euros au titre du fonds.",
                          "Les équipes ont été renforcées dans chaque région."])
    hits = index.search(_KB(text), "le montant moyen versé à chaque commune", kind="amount")
    assert hits and not any(h.has_figure for h in hits)
    index, text = _index(["Chaque commune a reçu en moyenne 12 000 euros au titre du fonds.",
                          "Les équipes ont été renforcées dans chaque région."])
    assert index.search(_KB(text), "le montant moyen versé à chaque commune", kind="amount")[0].has_figure
