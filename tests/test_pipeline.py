"""The pipeline is the explicit list pipeline.COMPONENTS, in an order that satisfies every declared requirement."""
import pytest
import spacy
from spacy.language import Language

from tdi_nlp.pipeline import COMPONENTS, build


@pytest.fixture(scope="module")
def full_nlp():
    return build(components=list(COMPONENTS))


def test_every_project_factory_declares_what_it_assigns():
    for name in COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name


def test_analyze_pipes_reports_no_problem(full_nlp):
    assert full_nlp.pipe_names[-len(COMPONENTS):] == list(COMPONENTS)
    problems = full_nlp.analyze_pipes()["problems"]
    assert problems and not any(problems.values()), problems


def test_order_satisfies_every_requirement(full_nlp):
    assigned: set[str] = set()
    for name in full_nlp.pipe_names:
        meta = full_nlp.get_pipe_meta(name)
        assert set(meta.requires) <= assigned, (name, set(meta.requires) - assigned)
        assigned |= set(meta.assigns)


def test_wrong_order_is_reported():
    nlp = spacy.blank("fr")
    nlp.add_pipe("tdi_orgs")
    nlp.add_pipe("tdi_persons")
    assert "doc._.person_facts" in nlp.analyze_pipes()["problems"]["tdi_orgs"]


def test_unknown_component_is_an_error():
    with pytest.raises(ValueError, match="unknown component"):
        build(components=["tdi_nope"])


def test_lemma_index_answers_from_a_set_with_the_stock_lemmas(full_nlp):
    from tdi_nlp.config import settings
    index = full_nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(index[k], list) and hasattr(index[k], "members") for k in index.keys())
    stock = spacy.load(settings.spacy_model)
    text = ("Les salariés des entreprises industrielles ont été recrutés en 2019 ; les territoires d'industrie "
            "financeraient 34 projets, et les ministres souhaiteraient connaître les calendriers prévus. "
            "Les élues réinventèrent des zoubliboulas chatoyantes.")
    assert [t.lemma_ for t in full_nlp(text)] == [t.lemma_ for t in stock(text)]


def test_facts_on_the_same_characters_keep_their_own_values():
    from spacy.tokens import Span

    from tdi_nlp.components import add_fact, facts

    nlp = spacy.blank("fr")
    doc = nlp("Le président de France Industrie parle.")
    org = add_fact(doc, Span(doc, 3, 5, label="ORG"), {"name": "France Industrie"}, "org:france-industrie")
    add_fact(doc, Span(doc, 3, 5, label="PERSON"), {"name": "Philippe Varin"}, "person:varin")
    assert org._.entity_id == "org:france-industrie"
    assert {s.label_: s._.entity_id for s in facts(doc)} == {"ORG": "org:france-industrie",
                                                             "PERSON": "person:varin"}
