"""Question themes, round 6 (issue 12): the GUIDE's rules as a rule layer over request clauses (themes/rules.py)."""
from __future__ import annotations

import numpy as np
import pytest

from tdi_nlp.eval import themes as ev
from tdi_nlp.themes import request_model as rm
from tdi_nlp.themes import rules


def test_rule_file_loads_and_every_rule_names_known_labels():
    adds, vetoes = rules._rules()
    assert adds and vetoes
    for fam, labs, _ in adds:
        assert fam and labs and labs <= set(rules.LABELS)
    assert {"rhetorical", "generic", "position"} <= set(rules.families())


def test_guide_examples_hit_their_rules():
    # invented clauses in the GUIDE's wording (GUIDE.md "From a request to themes", "Added while labelling")
    assert rules.hits("Où en est le versement de l'aide promise aux éleveurs ?")[0] >= {"calendrier"}
    assert rules.hits("Madame la ministre, quelles sont les prochaines étapes ?")[0] == {"calendrier",
                                                                                        "mise_en_oeuvre"}
    assert rules.hits("Quand le décret d'application sera-t-il publié ?")[0] == {"calendrier", "mise_en_oeuvre"}
    assert "calendrier" in rules.hits("Allez-vous pérenniser le dispositif au-delà de 2024 ?")[0]
    assert "financement" in rules.hits("Allez-vous débloquer une aide d'urgence pour les éleveurs ?")[0]
    assert "eligibilite" in rules.hits("Allez-vous étendre le chèque énergie aux ménages chauffés au bois ?")[0]
    assert "bilan" in rules.hits("Quel bilan tirez-vous du dispositif ?")[0]
    assert "mise_en_oeuvre" in rules.hits("Quand allez-vous faire appliquer la loi sur les OQTF ?")[0]


def test_vetoes_catch_rhetorical_and_generic_requests_only():
    for text in ("Comment accepter que des équipes d'urgence partent sans médecin ?",
                 "Combien de drames faudra-t-il encore pour que vous agissiez ?",
                 "Quand reconnaîtrez-vous votre erreur ?",
                 "Face à la crise, que comptez-vous faire ?",
                 "Quelles mesures comptez-vous prendre pour lutter contre la hausse des prix ?",
                 "Soutenez-vous cette proposition ?"):
        assert rules.hits(text)[1], text
    for text in ("Quand le décret sera-t-il publié ?", "Combien d'entreprises ont bénéficié du prêt ?",
                 "Les artisans pourront-ils bénéficier de l'aide ?"):
        assert not rules.hits(text)[1], text


def test_families_select_rules():
    text = "Où en est le versement de l'indemnisation promise ?"
    assert rules.hits(text, ("progress",))[0] == {"calendrier"}
    assert rules.hits(text, ("money",))[0] == {"financement"}
    assert rules.hits(text, ())[0] == set()


def test_drop_rules_take_calendrier_from_a_demand_for_a_measure():
    assert rules.dropped("Quand allez-vous étendre le bouclier tarifaire au fioul ?") == {"calendrier"}
    assert rules.dropped("Quand le décret sera-t-il publié ?") == set()
    proba = np.full((1, len(rules.LABELS)), 0.5)
    out = rules.apply(["Quand allez-vous étendre le bouclier tarifaire aux artisans ?"], proba)
    assert out[0, rules.LABELS.index("calendrier")] == 0.0 and out[0, rules.LABELS.index("eligibilite")] == 1.0


def test_apply_vetoes_then_adds():
    texts = ["Comment accepter cela ?", "Où en est le plan ?", "Il souhaite connaître le montant de l'aide."]
    proba = np.full((3, len(rules.LABELS)), 0.4)
    out = rules.apply(texts, proba)
    assert (out[0] == 0).all()
    assert out[1, rules.LABELS.index("calendrier")] == 1.0 and out[1, rules.LABELS.index("bilan")] == 0.4
    np.testing.assert_array_equal(out[2], proba[2])
    np.testing.assert_array_equal(rules.apply(texts, proba, add=False, veto=False), proba)


def test_rule_features_shape():
    X = rules.RuleFeatures().fit_transform(["Où en est le plan ?", "Quand cesserez-vous de mentir ?", "Rien."])
    assert X.shape == (3, len(rules.LABELS) + 1)
    dense = X.toarray()
    assert dense[0, rules.LABELS.index("calendrier")] == 1 and dense[1, -1] == 1 and not dense[2].any()


def _questions():
    texts = ["Où en est le versement de l'indemnisation ?", "Quelles mesures allez-vous prendre ?",
             "Il souhaite connaître le montant de l'enveloppe.", "Comment accepter une telle situation ?"] * 4
    labels = [["calendrier", "financement"], [], ["financement"], []] * 4
    return [rm.Question(t, lab, [(x, 0, len(t)) for x in lab], f"doc{i}")
            for i, (t, lab) in enumerate(zip(texts, labels))]


def test_model_carries_the_rule_layer_into_predict():
    qs = _questions()
    model = rm.train(qs, folds=2, syn_weight=0.0, gate="", e5=0.0, rule_add=1.0, rule_veto=1.0, families=None)
    assert model["rule_layer"] == {"add": True, "veto": True, "families": None}
    got = {code for code, _, _ in rm.predict(model, "Où en est le plan de relance ?", embed=False)}
    assert "calendrier" in got
    assert rm.predict(model, "Comment accepter une telle situation ?", embed=False) == []
    plain = rm.train(qs, folds=2, syn_weight=0.0, gate="", e5=0.0, rule_add=0.0, rule_veto=0.0)
    assert plain["rule_layer"] is None
    assert rm.train(qs, folds=2, syn_weight=0.0, gate="", e5=0.0)["rule_layer"]["families"] == rm.RULE_FAMILIES


def test_shipped_families_exist_in_the_rule_file():
    assert rm.RULE_FAMILIES and set(rm.RULE_FAMILIES) <= set(rules.families())
    assert "rule layer" in rm.describe()


def test_rule_hits_as_model_features():
    model = rm.train(_questions(), folds=2, syn_weight=0.0, gate="", e5=0.0, rules=3.0, rule_add=0.0, rule_veto=0.0)
    assert "rules" in dict(model["pipeline"].named_steps["features"].transformer_list)


def test_parse_set_reads_rule_settings():
    got = ev.parse_set("rule_add=1,rule_veto=0,rules=2,families=progress+rhetorical")
    assert got == {"rule_add": 1.0, "rule_veto": 0.0, "rules": 2.0, "families": ("progress", "rhetorical")}


def test_shipped_model_has_the_rule_layer_on_both_paths():
    from tdi_nlp.themes.classifier import load
    model = load("tdi")["model"]
    for path in (model, model["text"]):
        assert path["rule_layer"] == {"add": True, "veto": True, "families": rm.RULE_FAMILIES}
    got = {code for code, _, _ in rm.predict(model, "Où en est le versement de l'indemnisation promise ?",
                                             embed=False)}
    assert {"calendrier", "financement"} <= got


def test_model_trained_on_another_rules_file_is_refused():
    import json
    from tdi_nlp.errors import ModelError
    from tdi_nlp.themes import classifier
    path = classifier.meta_path("tdi")
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["training"]["rule_layer"]["sha1"] == rules.file_sha1()
    classifier.check_compatible(meta, path)
    meta["training"]["rule_layer"]["sha1"] = "0" * 40
    with pytest.raises(ModelError, match="rules.toml"):
        classifier.check_compatible(meta, path)


def test_a_territory_left_out_asks_eligibility():
    from tdi_nlp import classify
    text = ("M. X attire l'attention de Mme la ministre sur les Territoires d'industrie. Aussi, il souhaiterait savoir "
            "ce que prévoit le Gouvernement dans les territoires non listés aujourd'hui.")
    labels, _ = rules.hits("les communes qui n'ont pas été retenues pourront-elles candidater ?")
    assert labels == {"eligibilite"}
    assert "eligibilite" in {t["code"] for t in classify(text)}
