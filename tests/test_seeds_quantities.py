"""MONEY, COUNT and PERCENT on the five seed documents: hand-checked expected values, read from the seeds.

Each entry is ("MONEY", amount, currency, qualifier), ("PERCENT", percent) or
("COUNT", count, count_max, unit, approx). Left out on purpose (and so asserted absent): dates and day numbers
("Le 5 et 6 mars 2019", "22 novembre 2018", "2 juillet"), ordinals ("1er comité", "2e comité", "15ème
législature", "4e/6e circonscription", "cinquième pilier", "1ère"), references ("n° 17519", "page 2026",
"page 3606", "Phase 1"), durations ("dix mois", "2 ans", "un an") and lone articles ("un programme").
"""
from __future__ import annotations

from collections import Counter

import pytest

from tdi_nlp.components import facts

TI = "territoire d'industrie"
EPCI = "établissement public de coopération intercommunale"

EXPECTED = {
    "000": [
        ("COUNT", 4, None, "objectif", False),            # Quatre objectifs principaux
        ("COUNT", 136, None, TI, False),                  # les 136, puis 141 territoires d'industrie
        ("COUNT", 141, None, TI, False),
        ("COUNT", 7, None, "contrat", False),             # les sept premiers contrats
        ("COUNT", 10, None, "contrat", True),             # une dizaine de nouveaux contrats
        ("COUNT", 124, None, TI, False),                  # Les 124 Territoires d'industrie identifiés
        ("COUNT", 141, None, TI, False),                  # A date, 141 Territoires d'industrie
    ],
    "001": [
        ("COUNT", 124, None, "territoire", False),        # dans 124 territoires ciblés
        ("COUNT", 4, 5, "emploi", False),                 # quatre à cinq emplois indirects
        ("COUNT", 3, None, "principe", False),            # trois principes
        ("MONEY", 1e9, "EUR", ">"),                       # plus d'un milliard d'euros
        ("COUNT", 124, None, TI, False),
        ("COUNT", 453, None, EPCI, False),
        ("COUNT", 136, None, TI, False),                  # ajustée à 136 Territoires d'industrie
    ],
    "002": [
        ("PERCENT", 85.0), ("PERCENT", 85.0), ("PERCENT", 20.0), ("PERCENT", 65.0),
        ("COUNT", 29, None, "territoire", False),         # soit 29 territoires
        ("COUNT", 25, None, TI, False),                   # 25 territoires d'industrie fragiles
        ("COUNT", 474, None, "projet", False),
        ("COUNT", 231, None, "projet", False),            # 231 d'entre eux
        ("MONEY", 108e6, "EUR", "="),
        ("MONEY", 145e6, "EUR", "="),
        ("COUNT", 141, None, TI, False),                  # passent de 141 à 144 territoires d'industrie
        ("COUNT", 144, None, TI, False),
        ("COUNT", 3, None, TI, False),                    # trois nouveaux Territoires d'industrie
    ],
    "003": [
        ("COUNT", 124, None, TI, False),                  # title: 124 « Territoires d'industrie »
        ("COUNT", 124, None, "territoire", False),        # bénéficiera à 124 territoires
        ("MONEY", 1.3e9, "EUR", ">"),                     # plus de 1,3 milliard d'euros
        ("COUNT", 124, None, TI, False),                  # 124 territoires d'industrie identifiés
        ("COUNT", 17, None, "mesure", False),
        ("COUNT", 4, None, "enjeu", False),
        ("MONEY", 1.36e9, "EUR", "="),
        ("COUNT", 5, None, "personnalité", False),
        ("COUNT", 124, None, "territoire", False),        # Ces 124 territoires représentent
        ("COUNT", 124, None, TI, False),                  # la liste des 124 territoires d'industrie
        ("COUNT", 17, None, "engagement", False),
        ("COUNT", 2, None, "étude", False),               # Deux études et une « Fabrique prospective »
        ("COUNT", 2, None, "étude", False),               # Deux études du CGET
        ("COUNT", 4, None, TI, False),                    # 4 des 124 « Territoires d'industrie »
        ("COUNT", 124, None, TI, False),
    ],
    "004": [
        ("COUNT", 300, None, "participant", False),
        ("COUNT", 124, None, TI, False),                  # en passant de 124 à 136 Territoires d'industrie
        ("COUNT", 136, None, TI, False),
        ("COUNT", 18, None, "CSF", False),                # (18 CSF)
        ("COUNT", 29, None, TI, False),                   # au plus près de 29 Territoires d'industrie
        ("COUNT", 300, None, "projet", True),             # plus de 300 projets
        ("COUNT", 4, None, TI, False),                    # 4 Territoires d'industrie pilotes
    ],
}


@pytest.fixture(scope="module")
def qnlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_dates", "tdi_quantities"])


def _read(corpus_dir, prefix: str) -> str:
    (path,) = sorted(corpus_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    try:
        from tdi_nlp.normalize import normalize
    except ImportError:
        return text
    return normalize(text).text


def _key(span) -> tuple:
    v = span._.value
    if span.label_ == "MONEY":
        return ("MONEY", round(v["amount"], 2), v["currency"], v["qualifier"])
    if span.label_ == "PERCENT":
        return ("PERCENT", v["percent"])
    return ("COUNT", v["count"], v["count_max"], v["unit"], v["approx"])


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_quantities(qnlp, corpus_dir, prefix):
    doc = qnlp(_read(corpus_dir, prefix))
    got = [_key(s) for s in sorted(facts(doc), key=lambda s: s.start_char) if s.label_ in ("MONEY", "COUNT", "PERCENT")]
    expected = [tuple(round(x, 2) if isinstance(x, float) else x for x in e) for e in EXPECTED[prefix]]
    assert Counter(got) == Counter(expected), f"missing {Counter(expected) - Counter(got)}; extra {Counter(got) - Counter(expected)}"
