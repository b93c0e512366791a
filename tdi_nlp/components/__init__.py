"""spaCy components of the project.

Conventions shared by every extractor:
- facts are added to the span group ``doc.spans["facts"]`` (overlaps allowed between labels);
- ``span._.value`` holds the normalized value (a JSON-serializable dict);
- ``span._.entity_id`` holds the id of a linked canonical entity (or None);
- ``doc._.ref_date`` is the document's date ("YYYY-MM-DD") used for relative dates, ``doc._.meta`` its metadata,
  ``doc._.sections`` its sections as ``[{"kind", "start", "end", "title"}]`` (character offsets in doc.text),
  ``doc._.doc_id`` its id;
- a classifier component writes ``doc._.themes``: ``[{"taxonomy", "theme", "score", "evidence", "start", "end"}]``;
- ``doc._.date_facts`` (DATE, DURATION, ... facts) and ``doc._.person_facts`` (PERSON facts) are views of
  ``doc.spans["facts"]``: the components that read them name them in ``requires``, the ones that add them in
  ``assigns``, so that ``nlp.analyze_pipes()`` checks the order of the pipeline.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from ..text_utils import fold

FACTS = "facts"
DATE_LABELS = frozenset({"DATE", "TIME", "DURATION", "SET"})


def _span_slot(name: str):
    """Getter and setter keyed by a span's offsets AND label: spaCy keys span extensions by offsets only, so an ORG
    and a PERSON on the same characters ("France Industrie") would share one value and one id."""
    def get(span: Span):
        data: dict = span.doc.user_data  # spaCy types it dict[str, Any]; its own span keys are tuples too
        return data.get(("tdi", name, span.start_char, span.end_char, span.label_))

    def put(span: Span, value) -> None:
        data: dict = span.doc.user_data
        data[("tdi", name, span.start_char, span.end_char, span.label_)] = value
    return get, put


for _name in ("value", "entity_id"):
    if not Span.has_extension(_name):
        _get, _put = _span_slot(_name)
        Span.set_extension(_name, getter=_get, setter=_put)
for _name in ("ref_date", "meta", "doc_id", "sections", "themes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("date_facts"):
    Doc.set_extension("date_facts", getter=lambda doc: [s for s in facts(doc) if s.label_ in DATE_LABELS])
if not Doc.has_extension("person_facts"):
    Doc.set_extension("person_facts", getter=lambda doc: facts(doc, "PERSON"))


def add_fact(doc: Doc, span: Span, value: dict | None = None, entity_id: str | None = None) -> Span:
    """Append span (already labelled) to doc.spans["facts"] with its value."""
    span._.value = value
    span._.entity_id = entity_id
    if FACTS not in doc.spans:
        doc.spans[FACTS] = []
    doc.spans[FACTS].append(span)
    return span


def facts(doc: Doc, label: str | None = None) -> list[Span]:
    group = doc.spans.get(FACTS, [])
    return [s for s in group if label is None or s.label_ == label]


def text_of(doc: Doc) -> str:
    """doc.text, computed once per Doc (spaCy rebuilds it from every token on each access); see ``keep_text``."""
    text = doc.user_data.get("tdi_text")
    if text is None:
        text = doc.user_data["tdi_text"] = doc.text
    return text


def folded_words(doc: Doc) -> list[str]:
    """``fold(t.text)`` of every token, in order, from the ORTH array: each distinct word folded once and no Token
    object made per word (loops that look for a few head words visit only the tokens that carry one). Computed
    once per Doc and kept in its user_data: read it, never change it."""
    cached = doc.user_data.get("tdi_folded")
    if cached is not None and len(cached) == len(doc):
        return cached
    orths, where = np.unique(doc.to_array(ORTH), return_inverse=True)
    forms = np.array([fold(doc.vocab.strings[o]) for o in orths.tolist()] or [""], dtype=object)
    out = doc.user_data["tdi_folded"] = forms[where].tolist()
    return out


def keep_text(doc: Doc, text: str) -> None:
    """Record that doc.text is text (the tokenizer keeps every character), so that ``text_of`` need not rebuild it."""
    doc.user_data["tdi_text"] = text
