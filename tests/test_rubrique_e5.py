"""Rubriques from the text: the ministry addressed, the frozen split, the E5 pipeline and its threshold."""
import numpy as np
import pytest

from tdi_nlp.themes import addressee, rubrique_e5

DATE = "2022-10-12"


@pytest.mark.parametrize("text, expected", [
    ("Monsieur le ministre de la santé et de la prévention, les urgences ferment.", "Santé et prévention"),
    ("Ma question s'adresse à M. le ministre de l'intérieur et des outre-mer. Les préfets...", "Intérieur et outre-mer"),
    ("Madame la secrétaire d'État chargée de l'enfance, les crèches manquent de places.", "Enfance"),
    ("Monsieur le ministre délégué chargé de l'industrie, l'usine de Saint-Nazaire...", "Industrie"),
    ("Madame la Première ministre, vous avez engagé la responsabilité du Gouvernement.", "Première ministre"),
    ("Monsieur le ministre de l'agriculture, les éleveurs souffrent.", "Agriculture et souveraineté alimentaire"),
    ("Que ferez-vous, monsieur le ministre de l'intérieur, pour les policiers ?", "Intérieur et outre-mer"),
    ("Ma question s'adresse à M. Béchu, ministre de la transition écologique et de la cohésion des territoires.",
     "Transition écologique et cohésion des territoires"),
    ("Ma question s'adresse à Charlotte Caubel, secrétaire d'État chargée de l'enfance. Les crèches...", "Enfance"),
    ("Ma question s'adresse à M. le ministre de l'intérieur et concerne la réforme de la police.",
     "Intérieur et outre-mer"),
])
def test_addressee_resolves_the_ministry_at_the_date(text, expected):
    found = addressee.infer(text, DATE)
    assert found is not None and found.ministry == expected
    assert text[found.start:found.end] == found.title


def test_addressee_needs_a_portfolio_and_prefers_the_given_ministry():
    assert addressee.infer("Monsieur le ministre, vous n'avez pas répondu.", DATE) is None
    assert addressee.infer("Les usines ferment.", DATE) is None
    text = "Monsieur le ministre de la justice, les prisons débordent."
    assert addressee.ministry(text, DATE) == "Justice"
    assert addressee.ministry(text, DATE, given="Culture") == "Culture"


def test_addressee_resolves_the_office_holder():
    found = addressee.infer("Monsieur le garde des sceaux, ministre de la justice, les tribunaux...", DATE)
    assert found is not None and found.ministry == "Justice"
    assert found.holder == "person:eric-dupond-moretti"


def test_held_out_rule_is_a_deterministic_quarter():
    ids = [f"QANR5L16QG{i}" for i in range(1, 2001)]
    share = np.mean([rubrique_e5.held_out(i) for i in ids])
    assert 0.2 < share < 0.3
    assert [rubrique_e5.held_out(i) for i in ids[:50]] == [rubrique_e5.held_out(i) for i in ids[:50]]


def _toy(n=60, seed=0):
    rng = np.random.default_rng(seed)
    labels = ["santé", "industrie", "transports"]
    centers = rng.normal(size=(3, 384))
    items, y = [], []
    for k in range(n):
        c = k % 3
        v = centers[c] + 0.8 * rng.normal(size=384)
        items.append(rubrique_e5.Item(f"question {labels[c]} numéro {k}", ["Santé", None, "Transports"][c],
                                      (v / np.linalg.norm(v)).astype(np.float32)))
        y.append(labels[c])
    return items, np.array(y)


def test_pipeline_learns_from_vectors_text_and_ministry():
    items, y = _toy()
    pipe = rubrique_e5.build_pipeline(C=10, tfidf=0.5, ministry=1.0).fit(items[:45], y[:45])
    proba = pipe.predict_proba(items[45:])
    a1, a3 = rubrique_e5.accuracy(proba, pipe.classes_, y[45:])
    assert a1 >= 0.9 and a3 == 1.0
    top = rubrique_e5.ranked(pipe, items[45], top=3)
    assert len(top) == 3 and top[0][0] == y[45] and top[0][1] >= top[1][1]
    assert rubrique_e5.ranked(pipe, items[45], threshold=1.01) == []


def test_pipeline_without_tfidf_or_ministry_still_fits():
    items, y = _toy()
    pipe = rubrique_e5.build_pipeline(C=3, tfidf=0, ministry=0).fit(items, y)
    assert set(pipe.classes_) == set(y)


def test_calibrated_threshold_reaches_the_target_precision():
    rng = np.random.default_rng(1)
    conf = rng.uniform(size=400)
    correct = rng.uniform(size=400) < conf        # well calibrated: P(correct) = confidence
    t = rubrique_e5.calibrate(conf, correct, target=0.8)
    assert 0.5 < t < 0.8
    assert correct[conf >= t].mean() >= 0.8
    assert rubrique_e5.calibrate(conf, np.zeros(400, bool)) == 1.0
