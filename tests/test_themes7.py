"""Question themes, round 7 (issue 12): rule families for the GUIDE's "pour tous", tax-relief and due-step requests
(themes/rules.toml). Sentences written for these tests."""
from __future__ import annotations

import numpy as np

from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes import rules


def _adds(text: str, family: str) -> set[str]:
    return rules.hits(text, (family,))[0]


def test_for_all_asks_eligibility():
    assert _adds("Allez-vous accorder cette prime pour tous les apprentis ?", "for_all") == {"eligibilite"}
    assert _adds("Nous voulons une aide au permis, et pas seulement aux jeunes des métropoles.",
                 "for_all") == {"eligibilite"}
    assert _adds("Pourquoi cette remise est-elle réservée à quelques départements ?", "for_all") == {"eligibilite"}
    assert _adds("Renoncerez-vous à une mesure ciblée sur les seuls ménages modestes ?", "for_all") == {"eligibilite"}
    assert _adds("Une fois pour toutes, quand la ligne rouvrira-t-elle ?", "for_all") == set()
    assert _adds("Quel est le montant de l'aide ?", "for_all") == set()


def test_tax_relief_and_compensation_ask_financing():
    assert _adds("Allez-vous baisser la TVA sur les produits de première nécessité ?", "tax_relief") == {"financement"}
    assert _adds("Nous demandons la suppression des taxes sur le fioul domestique.", "tax_relief") == {"financement"}
    assert _adds("Les apiculteurs sinistrés seront-ils indemnisés ?", "tax_relief") == {"financement"}
    assert _adds("Allez-vous baisser les bras face aux trafiquants ?", "tax_relief") == set()


def test_due_step_asks_a_date_against_the_demand_drop():
    text = "Quand allez-vous enfin nommer le directeur de l'agence régionale ?"
    assert _adds(text, "due_step") == {"calendrier"}
    assert _adds("Quand les arrêtés de catastrophe naturelle seront-ils publiés ?", "due_step") == {"calendrier"}
    assert _adds("Quand allez-vous interdire ces pesticides ?", "due_step") == set()
    chosen = ("due_step", "demand_when")
    proba = np.full((1, len(rules.LABELS)), 0.3)
    out = rules.apply([text], proba, chosen)
    assert out[0, rules.LABELS.index("calendrier")] == 1.0  # additions come after the drop
    out = rules.apply(["Quand allez-vous rouvrir la maternité ?"], proba, chosen)
    assert out[0, rules.LABELS.index("calendrier")] == 0.0


def test_shipped_families_include_round_7():
    assert {"for_all", "tax_relief", "due_step"} <= set(rm.RULE_FAMILIES)
