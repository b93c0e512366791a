"""Records: a processed spaCy Doc and its Document become the JSON-ready record of the output contract.

{"id", "source", "kind", "format", "date", "metadata", "text", "sections": [...], "pages": [...],
 "entities": [{"label", "text", "start", "end", "section", "page", "value", "entity_id"}], "themes": [...]}
"""
from __future__ import annotations

from spacy.tokens import Doc

from .components import FACTS, keep_text
from .document import Document
from .tokens import make_doc as tokenize


def make_doc(nlp, document: Document) -> Doc:
    """The spaCy Doc of a normalized Document (runs of symbols guarded, see tokens), with its context on doc._."""
    doc = tokenize(nlp, document.text)
    keep_text(doc, document.text)  # the Doc's text is exactly the input (tokens.make_doc)
    doc._.doc_id = document.id
    doc._.ref_date = document.date
    doc._.meta = dict(document.metadata)
    doc._.sections = [{"kind": s.kind, "start": s.start, "end": s.end, "title": s.title} for s in document.sections]
    return doc


def entities(doc: Doc, document: Document) -> list[dict]:
    out = []
    for span in sorted(doc.spans.get(FACTS, []), key=lambda s: (s.start_char, -s.end_char, s.label_)):
        section = document.section_at(span.start_char)
        out.append({
            "label": span.label_,
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
            "section": section.kind if section else None,
            "page": document.page_at(span.start_char),
            "value": span._.value,
            "entity_id": span._.entity_id,
        })
    return out


def to_record(doc: Doc, document: Document, offset_anchors: list | None = None) -> dict:
    rec = {
        "id": document.id,
        "source": document.source,
        "format": document.format,
        "kind": document.kind,
        "date": document.date,
        "metadata": doc._.meta if doc._.meta is not None else document.metadata,  # components may enrich it
        "text": document.text,
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end, "title": s.title} for s in document.sections],
        "pages": [{"number": p.number, "start": p.start, "end": p.end} for p in document.pages],
        "entities": entities(doc, document),
        "themes": list(doc._.themes or []),
    }
    if doc.has_extension("embeddings") and doc._.embeddings:
        rec["embeddings"] = list(doc._.embeddings)  # encoder vectors (opt-in); not in the JSON Lines output
    if offset_anchors is not None:
        rec["offset_map"] = offset_anchors
    return rec
