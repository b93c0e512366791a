"""Draft requests, round 7 (issue 13): a number after the pronoun "en" and its verb ("nous en avons identifié 78",
"il y en a 80") counts the thing named just before it; an action noun asked about ("le montant de l'abondement des
fonds") is named by its verb in a passage ("abonder, à hauteur de 250 millions d'euros, les fonds"). Sentences and
passages written for these tests."""
from __future__ import annotations

from tdi_nlp.drafting.analysis import terms
from tdi_nlp.drafting.passages import head_base, holds_figure

from test_draft4 import _KB, _index


def test_a_number_after_the_partitive_en_counts_the_thing_named_before():
    site = terms("sites")[0]
    text = ("Des sites clés en main ont été identifiés, pour lesquels les procédures ont été menées en amont. "
            "Aujourd'hui nous en avons identifié 78 et nous en identifierons d'autres.")
    assert holds_figure(text, "count", site) == 1.0
    assert holds_figure("Les cités éducatives aident les enfants. Aujourd'hui il y en a 80.", "count",
                        terms("cités")[0]) == 1.0


def test_the_partitive_en_needs_the_thing_named_and_no_amount():
    site = terms("sites")[0]
    assert holds_figure("Les usines ferment. Aujourd'hui nous en avons identifié 78.", "count", site) < 1.0
    assert holds_figure("Les sites sont rénovés ; il en a coûté 78 millions d'euros.", "count", site) < 1.0


def test_an_action_noun_is_named_by_its_verb():
    assert head_base("le montant de l'abondement des fonds d'investissement") == "abond"
    assert head_base("le nombre de logements") is None  # "log": too short to tell a verb
    assert head_base("le nombre de communes") is None


def test_an_amount_of_an_action_is_answered_by_a_passage_using_its_verb():
    paragraphs = ["Nous allons également abonder, à hauteur de 250 millions d'euros, les fonds d'investissement "
                  "mis en place par les régions, qui renforcent le capital des PME.",
                  "Les équipes ont été renforcées dans chaque département."]
    index, text = _index(paragraphs)
    hits = index.search(_KB(text), "le montant de l'abondement des fonds d'investissement des régions",
                        kind="amount")
    assert hits[0].chunk["start"] == 0 and hits[0].has_figure
    index, text = _index(["Les fonds d'investissement des régions disposent de 250 millions d'euros de capital.",
                          "Les équipes ont été renforcées dans chaque département."])
    hits = index.search(_KB(text), "le montant de l'abondement des fonds d'investissement des régions",
                        kind="amount")
    assert not any(h.has_figure for h in hits)  # an amount held, not one put in
