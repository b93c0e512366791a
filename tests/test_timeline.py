"""Facts timeline: dated values of a counted thing, parts and change origins left out, sorted by date."""
from __future__ import annotations

import pytest

from tdi_nlp.kb import KnowledgeBase
from tdi_nlp.figures import timeline
from tdi_nlp.figures.counts import is_change_origin, is_part, unit_key
from tdi_nlp.figures.dated import latest
from tdi_nlp.kb.writer import KBWriter


def _count(text: str, surface: str, count: int, unit: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"label": "COUNT", "text": surface, "start": start, "end": start + len(surface), "section": "body",
            "page": None, "value": {"count": count, "count_max": None, "unit": unit, "approx": False},
            "entity_id": None}


def _date(text: str, surface: str, iso: str) -> dict:
    start = text.index(surface)
    return {"label": "DATE", "text": surface, "start": start, "end": start + len(surface), "section": "body",
            "page": None, "value": {"start": iso, "end": iso, "granularity": "day"}, "entity_id": None}


def _record(doc_id: str, text: str, date: str | None, entities: list[dict]) -> dict:
    return {"id": doc_id, "source": doc_id + ".txt", "format": "text", "kind": "press_release", "date": date,
            "metadata": {}, "text": text, "sections": [{"kind": "body", "start": 0, "end": len(text), "title": None}],
            "pages": [], "entities": entities, "themes": []}


@pytest.fixture()
def kb(tmp_path):
    t1 = "Le 22 novembre 2018, le Premier ministre a identifié 124 territoires d'industrie."
    t2 = ("Le comité a pris note de l'évolution de la carte, qui passent de 141 à 144 territoires d'industrie. "
          "La ministre a annoncé l'accompagnement de 25 territoires d'industrie fragiles. "
          "Trois nouveaux Territoires d'industrie ont été retenus.")
    t3 = "La carte a été ajustée à 136 Territoires d'industrie par le Conseil national de l'industrie."
    recs = {
        "a": _record("a", t1, "2019-01-10", [_date(t1, "22 novembre 2018", "2018-11-22"),
                                             _count(t1, "124 territoires d'industrie", 124, "territoire d'industrie")]),
        "b": _record("b", t2, "2019-09-24", [_count(t2, "141", 141, "territoire d'industrie"),
                                             _count(t2, "144 territoires d'industrie", 144, "territoire d'industrie"),
                                             _count(t2, "25 territoires d'industrie", 25, "territoire d'industrie"),
                                             _count(t2, "Trois nouveaux Territoires d'industrie", 3,
                                                    "territoire d'industrie")]),
        "c": _record("c", t3, "2019-03-05", [_count(t3, "136 Territoires d'industrie", 136, "Territoires d'industrie")]),
        "d": _record("d", "Nous avons signé 12 contrats.", "2019-05-01",
                     [_count("Nous avons signé 12 contrats.", "12 contrats", 12, "contrat")]),
    }
    path = tmp_path / "kb.sqlite"
    with KBWriter(str(path)) as w:
        for key, rec in recs.items():
            w.replace_source(key, key + ".txt", "sha-" + key, len(rec["text"]), [rec])
    with KnowledgeBase(path) as k:
        yield k


def test_unit_key_ignores_case_accents_plural_and_quotes():
    assert unit_key("Territoires d'industrie") == unit_key("« territoire d’industrie »") == "territoire d'industrie"


def test_timeline_sorted_with_sources(kb):
    values = timeline(kb, "territoires d'industrie")
    assert [(v["value"], v["date"]) for v in values] == [(124, "2018-11-22"), (136, "2019-03-05"), (144, "2019-09-24")]
    first = values[0]
    assert first["doc_id"] == "a" and first["date_from"] == "sentence"
    assert kb.document("a")["text"][first["start"]:first["end"]] == first["text"]
    assert latest(values)["value"] == 144


def test_change_origin_and_parts_are_left_out(kb):
    text = kb.document("b")["text"]
    by_value = {m["value"]["count"]: m for m in kb.mentions(label="COUNT", doc_id="b")}
    assert is_change_origin(text, by_value[141]) and not is_change_origin(text, by_value[144])
    assert is_part(text, by_value[25]) and is_part(text, by_value[3]) and not is_part(text, by_value[144])
    assert 141 not in [v["value"] for v in timeline(kb, "territoires d'industrie")]


def test_other_things_and_unknown_things(kb):
    assert [v["value"] for v in timeline(kb, "contrats")] == [12]
    assert timeline(kb, "licornes") == []
    assert timeline(kb, "") == []


def test_seed_corpus_timeline(tmp_path, nlp, corpus_dir):
    from tdi_nlp.extraction import run
    path = tmp_path / "seeds.sqlite"
    run([str(corpus_dir)], str(path), show_progress=False, nlp=nlp)
    with KnowledgeBase(path) as k:
        values = timeline(k, "territoires d'industrie")
    dated = [v for v in values if v["date"]]
    assert [v["date"] for v in dated] == sorted(v["date"] for v in dated)
    assert latest(values)["value"] == 144 and latest(values)["date"] == "2019-09-24"
    assert {124, 136, 144} <= {v["value"] for v in values}
    # "passent de 141 à 144": the press release's 141 is the older value, not a value as of 24 September
    assert not [v for v in values if v["value"] == 141 and v["date"] == "2019-09-24"]
