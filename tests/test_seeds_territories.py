"""TERRITORY on the five seed documents against the hand-checked expected mentions (eval/data)."""
from __future__ import annotations

import pytest

from tdi_nlp.components import facts
from tdi_nlp.eval import territories as suite
from tdi_nlp.eval._metrics import prf


@pytest.fixture(scope="module")
def terr_nlp():
    return suite.build_nlp()


@pytest.fixture(scope="module")
def seed_docs(terr_nlp):
    texts = suite.seed_texts()
    if len(texts) < 5:
        pytest.skip("the seed corpus is not in corpus/")
    return dict(zip(texts, terr_nlp.pipe(texts.values())))


def test_seed_f1_reaches_target_and_beats_stock_ner(terr_nlp, seed_docs):
    totals = suite.score_seeds(terr_nlp)
    _, _, f1 = prf(*totals["linked"])
    _, _, base = prf(*totals["baseline"])
    assert f1 >= 0.90
    assert f1 > base + 0.3


def test_no_programme_heading_or_ocr_word_is_a_place(seed_docs):
    texts = {s.text.lower() for doc in seed_docs.values() for s in facts(doc, "TERRITORY")}
    for bad in ("territoires d'industrie", "texte", "i'etat", "l'etat", "etat", "état", "catalogne"):
        assert bad not in texts


def test_every_region_of_the_signature_list(seed_docs):
    ids = [s._.entity_id for s in facts(seed_docs["000"], "TERRITORY")]
    for region in ("region:93", "region:44", "region:27", "region:75", "region:11"):
        assert region in ids
    assert ids.count("region:32") == 4


def test_minutes_link_territoires_d_industrie_and_epci(seed_docs):
    found = {(s.text, s._.entity_id) for s in facts(seed_docs["004"], "TERRITORY")}
    assert {("Flandre - Saint-Omer", "tdi:3209"), ("Grand Chalons", "tdi:2702"), ("Axe Seine", "tdi:2801"),
            ("Saint-Omer", "commune:62765"), ("Sud", "region:93"),
            ("Caux Vallée de Seine", "epci:200010700")} <= found
    spans = [s for s in facts(seed_docs["004"], "TERRITORY") if s._.entity_id == "country:FR"]
    assert len(spans) == 2  # "la France" twice; France Industrie, Régions de France, Business France are not


def test_linked_codes_are_the_official_ones(seed_docs):
    """Every linked region and department of the seeds carries the official code of the name found."""
    regions = {r["code"]: r for r in _table("regions.tsv")}
    departments = {r["code"]: r for r in _table("departments.tsv")}
    checked = 0
    for doc in seed_docs.values():
        for s in facts(doc, "TERRITORY"):
            if s._.entity_id is None:     # a place outside the gazetteers ("Catalogne sud")
                continue
            kind, code = s._.entity_id.split(":", 1)
            table = {"region": regions, "department": departments}.get(kind)
            if table is None:
                continue
            assert code in table, s._.entity_id
            assert s._.value["code"] == code and s._.value["name"] == table[code]["name"], (s.text, s._.value)
            checked += 1
    assert checked >= 10


def _table(name: str) -> list[dict]:
    import csv
    from tdi_nlp.config import RESOURCES_DIR
    with open(RESOURCES_DIR / "geo" / name, encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))
