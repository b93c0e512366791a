"""tdi_themes: themes of a document's question section with both taxonomies (see tdi_nlp/themes).

Sets ``doc._.themes = [{"taxonomy", "theme", "code", "score", "evidence", "start", "end"}]`` (start/end: offsets of
the evidence sentence in doc.text) for every section of kind "question"; [] when there is none. With
``settings.embed_requests`` (TDI_NLP_EMBED_REQUESTS=1) it also sets ``doc._.embeddings``: the encoder vectors of the
request clauses (``themes.vectors.records``, offsets in doc.text), which records carry and the KB stores.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..config import settings
from . import text_of

if not Doc.has_extension("embeddings"):
    Doc.set_extension("embeddings", default=None)

FACTORY = "tdi_themes"


class ThemeTagger:
    def __init__(self, taxonomies=("tdi", "rubrique"), top: int = 3):
        from ..themes.classifier import load
        self.taxonomies = tuple(taxonomies)
        self.top = top
        for taxonomy in self.taxonomies:
            load(taxonomy)  # fails now, with the fix to apply, if a model is missing

    def __call__(self, doc):
        from ..themes.classifier import classify
        sections = [_as_dict(s) for s in (doc._.sections or [])]
        sections = [s for s in sections if s.get("kind") == "question"]
        meta = doc._.meta or {}
        minister = meta.get("minister_questioned") or meta.get("minister")
        found = []
        clauses: list[tuple[int, int, str]] = []
        for sec in sections:
            start, end = int(sec["start"]), int(sec["end"])
            text = text_of(doc)[start:end]
            if settings.embed_requests:
                from ..themes.requests import find_requests
                clauses += [(start + r.start, start + r.end, r.text) for r in find_requests(text)]
            for taxonomy in self.taxonomies:
                for t in classify(text, taxonomy=taxonomy, minister=minister, top=self.top,
                                   date=doc._.ref_date):
                    found.append({"taxonomy": taxonomy, "theme": t["theme"], "code": t["code"], "score": t["score"],
                                  "evidence": t["evidence"], "start": start + t["start"], "end": start + t["end"]})
        doc._.themes = _best_per_theme(found)
        if clauses:
            from ..themes.vectors import records
            doc._.embeddings = records(clauses)
        return doc


def _as_dict(section) -> dict:
    """Sections may come as dicts or as tdi_nlp.document.Section objects."""
    if isinstance(section, dict):
        return section
    return {"kind": getattr(section, "kind", None), "start": getattr(section, "start", 0),
            "end": getattr(section, "end", 0)}


def _best_per_theme(found: list[dict]) -> list[dict]:
    best: dict[tuple[str, str], dict] = {}
    for t in found:
        key = (t["taxonomy"], t["code"])
        if key not in best or t["score"] > best[key]["score"]:
            best[key] = t
    return sorted(best.values(), key=lambda t: (t["taxonomy"] != "tdi", -t["score"]))


@Language.factory(FACTORY, default_config={"top": 3}, assigns=["doc._.themes"])
def make_theme_tagger(nlp, name, top: int):
    return ThemeTagger(top=top)
