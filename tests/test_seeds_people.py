"""PERSON and ORG on the five seed documents against the hand-written expectations of the ``people`` eval."""
from __future__ import annotations

import json

import pytest

from tdi_nlp.eval import people as suite
from tdi_nlp.eval._metrics import prf


@pytest.fixture(scope="module")
def people_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons", "tdi_orgs"])


@pytest.fixture(scope="module")
def totals(people_nlp, corpus_dir):
    if not corpus_dir.is_dir():
        pytest.skip("corpus/ is absent")
    return suite.run_seeds(people_nlp, corpus_dir, verbose=False)


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_seed_f1(totals, label):
    _, _, f1 = prf(*(totals[(label, "linked", k)] for k in ("tp", "fp", "fn")))
    assert f1 >= 0.90
    _, _, stock = prf(*(totals[(label, "stock", k)] for k in ("tp", "fp", "fn")))
    assert f1 > stock


def test_every_role_only_minister_resolved(totals):
    assert totals["titles"] >= 10
    assert totals["titles_ok"] == totals["titles"]


def test_question_author_of_seed_001(people_nlp, corpus_dir):
    path = sorted(corpus_dir.glob("001*"))[0]
    doc = suite._seed_doc(people_nlp, path, "2019-04-16")
    author = [s for s in doc.spans["facts"] if s._.entity_id == "person:sebastien-cazenove"][0]
    v = author._.value
    assert (v["department"], v["constituency"], v["group"], v["legislature"]) == ("Pyrénées-Orientales", 4, "LREM", 15)


def test_scoring_counts_a_wrong_holder_as_a_miss_and_a_false_positive():
    gold = [("PERSON", "Mme la secrétaire d'État", "person:agnes-pannier-runacher"), ("ORG", "Bpifrance", "org:bpifrance")]
    right = [("PERSON", "la secrétaire d'État", "person:agnes-pannier-runacher"), ("ORG", "BPIFRANCE", "org:bpifrance")]
    wrong = [("PERSON", "la secrétaire d'État", "person:emmanuelle-wargon"), ("ORG", "Bpifrance", "org:bpifrance")]
    assert suite.match(right, gold, linked=True)[:3] == (2, 0, 0)
    assert suite.match(wrong, gold, linked=True)[:3] == (1, 1, 1)   # linked: the holder must be the right one
    assert suite.match(wrong, gold, linked=False)[:3] == (2, 0, 0)  # span only: it is found


def test_sample_rounds_have_fifty_checked_mentions():
    rows = [json.loads(x) for x in suite.SAMPLE_FILE.read_text(encoding="utf-8").splitlines() if x.strip()]
    for rnd in {r["round"] for r in rows}:
        batch = [r for r in rows if r["round"] == rnd]
        assert len(batch) == 50
        assert all(r["verdict"] in ("correct", "incorrect") for r in batch)
        assert sum(r["verdict"] == "correct" for r in batch) / len(batch) >= 0.90


def test_sample_precision_with_the_current_system(people_nlp, shared_dir):
    folder = shared_dir.joinpath(*suite.AN_DIR)
    if not folder.is_dir():
        pytest.skip("AN corpus absent")
    result = suite.run_sample(people_nlp, folder, verbose=False, max_docs=8)
    correct, same, changed = (sum(r[i] for r in result.values()) for i in range(3))
    assert same >= 10 and changed <= 2 and correct / same >= 0.90
