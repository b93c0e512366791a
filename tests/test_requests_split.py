"""find_requests splits coordinated requests into clauses of their own, offsets kept (issue 13)."""
from __future__ import annotations

from tdi_nlp.drafting.requests import find_requests


def clauses(text: str) -> list[str]:
    found = find_requests(text)
    assert all(text[r.start:r.end] == r.text for r in found)
    return [r.text for r in found]


def test_enumeration_without_heads_and_with_heads():
    text = ("Mme X attire l'attention de M. le ministre sur la filière bois. Elle souhaite connaître la part des "
            "scieries engagées dans le plan, le nombre d'emplois créés depuis un an et le montant mobilisé par "
            "l'État et ses opérateurs.")
    assert clauses(text) == ["la part des scieries engagées dans le plan", "le nombre d'emplois créés depuis un an",
                             "le montant mobilisé par l'État et ses opérateurs"]


def test_head_not_in_the_table_and_ou_inside_a_clause():
    text = ("Il souhaite connaître le nombre de communes ayant signé une convention ou un contrat et le montant "
            "fléché par le programme vers les bourgs-centres.")
    assert clauses(text) == ["le nombre de communes ayant signé une convention ou un contrat",
                             "le montant fléché par le programme vers les bourgs-centres"]
    kinds = [r.kind for r in find_requests(text)]
    assert kinds == ["count", "amount"]


def test_several_si_clauses_and_ainsi_que():
    text = ("Il lui demande si les artisans pourront bénéficier de l'aide et si les commerçants y seront éligibles, "
            "ainsi que le calendrier de versement des aides.")
    assert clauses(text) == ["si les artisans pourront bénéficier de l'aide",
                             "si les commerçants y seront éligibles", "le calendrier de versement des aides"]


def test_semicolons_and_a_direct_question():
    text = ("Elle souhaite savoir la date de publication du décret ; le nombre de dossiers déposés. "
            "Quel est le coût du dispositif et quand sera-t-il évalué ?")
    assert clauses(text) == ["la date de publication du décret", "le nombre de dossiers déposés",
                             "Quel est le coût du dispositif", "quand sera-t-il évalué"]


def test_short_coordinations_and_parentheticals_stay_whole():
    for text in ("Il souhaite connaître la situation et les perspectives de la filière laitière.",
                 "Il souhaite connaître, le cas échéant, le calendrier des travaux.",
                 "Il lui demande quelles mesures le Gouvernement entend prendre pour soutenir les éleveurs."):
        assert clauses(text) == [text]
