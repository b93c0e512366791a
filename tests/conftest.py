"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    from tdi_nlp.config import settings
    path = Path(settings.shared_dir)
    if not path.is_dir():
        pytest.skip(f"../shared is absent ({path}); this test needs the shared corpora or gazetteers")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full project pipeline, loaded once per test session."""
    from tdi_nlp.pipeline import load
    return load()


@pytest.fixture(scope="module")
def dates_nlp():
    """The pipeline up to the date component only, loaded once per test module."""
    from tdi_nlp.pipeline import load
    return load(["tdi_dates"])


@pytest.fixture(scope="module")
def quantities(nlp):
    """(text, value) of the facts of one label in a text: quantities("... 12 milliards ...", "MONEY")."""
    from tdi_nlp.components import facts as doc_facts

    def run(text: str, label: str):
        return [(s.text, s._.value) for s in doc_facts(nlp(text), label)]
    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seeds_kb(tmp_path_factory, nlp, corpus_dir) -> Path:
    """The demo corpus extracted once per session (read-only: tests draft from it, none writes to it)."""
    from tdi_nlp.drafting.analysis import adopt
    from tdi_nlp.extraction import run
    adopt(nlp.vocab)
    path = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    run([str(corpus_dir)], str(path), show_progress=False, nlp=nlp)
    return path


@pytest.fixture(scope="session")
def kb_from_texts(tmp_path_factory, nlp):
    """A factory: (name, [(doc_id, kind, date, text)]) -> a KnowledgeBase extracted from those texts (JSON Lines)."""
    import json

    from tdi_nlp.extraction import run
    from tdi_nlp.kb import KnowledgeBase
    opened = []

    def make(name: str, docs: list[tuple[str, str, str, str]]):
        folder = tmp_path_factory.mktemp(name)
        with open(folder / "docs.jsonl", "w", encoding="utf-8") as fh:
            for doc_id, kind, date, text in docs:
                fh.write(json.dumps({"id": doc_id, "kind": kind, "date": date, "text": text}, ensure_ascii=False)
                         + "\n")
        run([str(folder / "docs.jsonl")], str(folder / f"{name}.sqlite"), show_progress=False, nlp=nlp)
        kb = KnowledgeBase(folder / f"{name}.sqlite")
        opened.append(kb)
        return kb

    yield make
    for kb in opened:
        kb.close()


def answer_passages(kb, doc_id: str) -> list:
    """One drafting Passage per sentence of a document's answer section."""
    from tdi_nlp.drafting import analysis
    from tdi_nlp.drafting.compose import Passage
    doc = kb.document(doc_id)
    sec = next(s for s in doc["sections"] if s["kind"] == "answer")
    return [Passage(1, doc_id, s, e, doc["text"][s:e], 1.0)
            for s, e in analysis.sentences(doc["text"][sec["start"]:sec["end"]], sec["start"])]


def facts(nlp, text: str, label: str, date: str) -> list:
    """The spans of one label in doc.spans["facts"] of a text read at ``date``, in text order."""
    doc = nlp.make_doc(text)
    doc._.ref_date = date
    doc = nlp(doc)
    return [s for s in sorted(doc.spans.get("facts", []), key=lambda s: (s.start, s.end)) if s.label_ == label]


def linked(nlp, text: str, label: str) -> list[tuple[str, str | None]]:
    """(text, entity id) of the facts of one label in a text, in text order."""
    from tdi_nlp.components import facts as doc_facts
    return [(s.text, s._.entity_id) for s in sorted(doc_facts(nlp(text), label), key=lambda s: s.start_char)]


def guide_dates(dates_nlp, text: str, ref: str) -> list[tuple[str, str, dict]]:
    """(label, text, value) of the DATE and DURATION facts of a text read at ``ref`` under the project's guide."""
    from tdi_nlp.components import facts as doc_facts
    from tdi_nlp.components.dates.component import annotate
    doc = annotate(dates_nlp, [text], [ref], convention="guide")[0]
    return [(s.label_, s.text, s._.value) for s in doc_facts(doc) if s.label_ in ("DATE", "DURATION")]
