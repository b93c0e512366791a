"""Question themes, model 2.8 (issue 12): the "funding" rule family joins the rule layer (themes/rules.toml).
Sentences written for these tests."""
from __future__ import annotations

from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes import rules


def _adds(text: str) -> set[str]:
    return rules.hits(text, ("funding",))[0]


def test_funding_of_a_measure_asks_financing():
    assert _adds("Comment sera assuré le financement de la nouvelle ligne de tramway ?") == {"financement"}
    assert _adds("Pouvez-vous nous dire quand auront lieu les versements aux agriculteurs ?") == {"financement"}
    assert _adds("Quelles sont les conditions financières de la reprise du site ?") == {"financement"}
    assert _adds("Où allez-vous chercher les fonds pour rénover les écoles ?") == {"financement"}
    assert _adds("Quand ce plan d'investissement sera-t-il présenté ?") == {"financement"}


def test_funding_leaves_other_requests_alone():
    assert _adds("Quand la ligne de tramway sera-t-elle mise en service ?") == set()
    assert _adds("Quelles sont les conditions d'accès au dispositif ?") == set()


def test_model_uses_the_funding_family():
    assert "funding" in rm.RULE_FAMILIES
