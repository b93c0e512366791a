"""ORG and PROGRAMME extraction and linking (tdi_orgs)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def people_nlp():
    from tdi_nlp.pipeline import load
    return load(["tdi_persons", "tdi_orgs"])


def spans(nlp, text, date="2019-06-01", label="ORG"):
    doc = nlp.make_doc(text)
    doc._.ref_date = date
    doc = nlp(doc)
    return [s for s in sorted(doc.spans.get("facts", []), key=lambda s: s.start) if s.label_ == label]


def pairs(found):
    return [(s.text, s._.entity_id) for s in found]


def test_operators_aliases_and_acronyms(people_nlp):
    text = ("L'État et ses opérateurs (la Banque des Territoires, Bpifrance, Business France, Pole Emploi) "
            "avec l'Ademe, l'ADEME, le CGET et la Direction générale des entreprises (DGE).")
    assert pairs(spans(people_nlp, text)) == [
        ("Banque des Territoires", "org:banque-des-territoires"), ("Bpifrance", "org:bpifrance"),
        ("Business France", "org:business-france"), ("Pole Emploi", "org:pole-emploi"),
        ("Ademe", "org:ademe"), ("ADEME", "org:ademe"), ("CGET", "org:cget"),
        ("Direction générale des entreprises", "org:dge"), ("DGE", "org:dge")]


def test_value_fields(people_nlp):
    found = spans(people_nlp, "Le Conseil national de l'industrie (CNI) et l'Assemblée des communautés de France.")
    cni, acro, adcf = found
    assert cni._.value == {"name": "Conseil national de l'industrie", "kind": "council", "acronym": "CNI"}
    assert acro._.entity_id == "org:cni"
    assert adcf._.value["acronym"] == "AdCF" and adcf._.value["kind"] == "association"


def test_acronyms_are_case_sensitive(people_nlp):
    assert spans(people_nlp, "Le cni et la dge ne sont pas des sigles ici.") == []


def test_steering_committees(people_nlp):
    text = ("Le comité de pilotage régional (COPIL) s'est tenu. Le 2e comité de pilotage national a eu lieu. "
            "Le comité de pilotage a souligné l'enjeu. Les comités de pilotage régionaux décident.")
    assert [s._.entity_id for s in spans(people_nlp, text)] == [
        "org:copil-regional", "org:copil-regional", "org:copil-national", "org:copil-national",
        "org:copil-regional"]
    assert spans(people_nlp, text)[0]._.value["generic"] is True


def test_programmes_are_not_orgs(people_nlp):
    text = "L'initiative « Territoires d'industrie », le programme Action cœur de ville et France Expérimentation."
    assert spans(people_nlp, text) == []
    assert pairs(spans(people_nlp, text, label="PROGRAMME")) == [
        ("Territoires d'industrie", "programme:territoires-d-industrie"),
        ("Action cœur de ville", "programme:action-coeur-de-ville"),
        ("France Expérimentation", "programme:france-experimentation")]


def test_ministries_against_the_assembly_list(people_nlp):
    found = spans(people_nlp, "Le ministère de l'économie et des finances et le MINISTÈRE\nDE LA CULTURE.",
                  "2019-06-01")
    assert pairs(found) == [("ministère de l'économie et des finances", "org:ministere-de-l-economie-et-des-finances"),
                            ("MINISTÈRE\nDE LA CULTURE", "org:ministere-de-la-culture")]
    assert found[0]._.value == {"name": "Ministère de l'économie et des finances", "kind": "ministry"}


def test_employers_named_in_role_phrases(people_nlp):
    text = ("M. Christophe Cathelain, Président de Canopée Group, a parlé. Olivier Lluansi, associé chez EY ; "
            "Harold Huwart, vice-président de la Région Centre-Val de Loire.")
    assert pairs(spans(people_nlp, text)) == [("Canopée Group", "org:canopee-group"), ("EY", "org:ey")]


def test_ambiguous_acronyms_need_the_long_form(people_nlp):
    assert spans(people_nlp, "Présentez votre CNI au guichet ; la DGE finance les communes.") == []
    found = spans(people_nlp, "La DGE finance les communes. La Direction générale des entreprises aussi.")
    assert [s._.entity_id for s in found] == ["org:dge", "org:dge"]


def test_a_date_inside_a_programme_name_is_not_a_date():
    from tdi_nlp.pipeline import load
    nlp = load(["tdi_dates", "tdi_orgs"])
    text = "Le programme Petites villes de demain sera lancé demain, le 1er octobre 2020."
    found = spans(nlp, text, date="2020-09-30", label="DATE")
    assert [s.text for s in found if "demain" in s.text] == ["demain"]      # the adverb only
    assert all(s.start_char > text.index("lancé") for s in found)
    assert [s._.entity_id for s in spans(nlp, text, date="2020-09-30", label="PROGRAMME")] == \
        ["programme:petites-villes-de-demain"]


# -- named bodies of the stock NER beside the gazetteer (issue 14) --------------------------------------------

def test_stock_ner_orgs_kept_without_article(people_nlp):
    got = {s.text: s._.entity_id for s in spans(people_nlp, "Amnesty International et la SNCF ont rencontré le Gouvernement.")}
    assert got.get("SNCF") == "org:sncf"
    assert "Gouvernement" not in got and not any(t.startswith("la ") for t in got)


def test_parties_and_groups_with_their_article_and_acronyms(people_nlp):
    found = pairs(spans(people_nlp, "Le groupe Les Républicains, le RN et La France insoumise ont voté ; le PS non.",
                        "2022-10-12"))
    assert found == [("Les Républicains", "org:les-republicains"), ("RN", "org:rassemblement-national"),
                     ("La France insoumise", "org:la-france-insoumise")]


@pytest.mark.parametrize("text", [
    "Le Brexit pèse sur les échanges.",
    "La Convention internationale sur l'interdiction des armes chimiques a été signée.",
    "L'Accord de Paris sur le Climat engage les États.",
])
def test_laws_treaties_and_events_are_not_orgs(people_nlp, text):
    assert spans(people_nlp, text) == []
