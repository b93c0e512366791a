"""tdi_themes: themes of a document's question section with both taxonomies (see tdi_nlp/themes).

Sets ``doc._.themes = [{"taxonomy", "theme", "code", "score", "evidence", "start", "end"}]`` (start/end: offsets of
the evidence sentence in doc.text) for every section of kind "question"; [] when there is none. With
``settings.embed_requests`` (TDI_NLP_EMBED_REQUESTS=1; off by default, for speed) the request clauses of the question
sections are embedded once (``themes.vectors.clause_vectors``), the tdi themes are scored by the model's E5 path with
those vectors (the themes ``classify`` gives), and ``doc._.embeddings`` holds them (``themes.vectors.records``,
offsets in doc.text), which records carry and the KB stores. Off: no encoder call, the model's text-only path.
"""
from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch, raise_error

from ..config import settings
from . import text_of

if not Doc.has_extension("embeddings"):
    Doc.set_extension("embeddings", default=None)

FACTORY = "tdi_themes"


class ThemeTagger:
    def __init__(self, taxonomies=("tdi", "rubrique"), top: int = 3, name: str = FACTORY):
        from ..themes.classifier import load
        self.name = name
        self.taxonomies = tuple(taxonomies)
        self.top = top
        self.error_handler = raise_error
        for taxonomy in self.taxonomies:
            load(taxonomy)  # fails now, with the fix to apply, if a model is missing
        self.e5, self.budget = ("tdi" in self.taxonomies and _reads_e5()), _budget()
        if self.e5 and settings.embed_requests:
            from .. import encoder
            encoder.model()  # loaded with the pipeline, not on the first question

    def __call__(self, doc):
        return self.tag([doc])[0]

    def pipe(self, docs, batch_size: int = 16):
        """Docs tagged a batch at a time (one model call per batch and taxonomy); a batch that fails is tagged again
        document by document, so that only the failing one goes to the error handler, as for a plain component."""
        for batch in minibatch(docs, size=batch_size):
            try:
                tagged = self.tag(batch)
            except Exception:
                for doc in batch:
                    try:
                        yield self.tag([doc])[0]
                    except Exception as exc:
                        self.error_handler(self.name, self, [doc], exc)
                continue
            yield from tagged

    def get_error_handler(self):
        return self.error_handler

    def set_error_handler(self, handler) -> None:
        self.error_handler = handler

    def tag(self, docs: list) -> list:
        """Set doc._.themes (and doc._.embeddings) on docs; the classifiers run once per taxonomy for all of them,
        the encoder once per request clause."""
        from ..themes.classifier import classify_batch
        from ..themes.requests import find_requests
        embed = bool(settings.embed_requests) and self.e5
        asked: list[tuple[int, int]] = []  # (doc, section start)
        items = []
        clauses: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        per_item: list[int] = []  # request clauses of each asked section
        for n, doc in enumerate(docs):
            meta = doc._.meta or {}
            minister = meta.get("minister_questioned") or meta.get("minister")
            for sec in (_as_dict(s) for s in (doc._.sections or [])):
                if sec.get("kind") != "question":
                    continue
                start, end = int(sec["start"]), int(sec["end"])
                text = text_of(doc)[start:end]
                if embed:
                    reqs = find_requests(text)
                    clauses[n] += [(start + r.start, start + r.end, r.text) for r in reqs]
                    per_item.append(len(reqs))
                asked.append((n, start))
                items.append((text, minister, doc._.ref_date))
        vecs = None
        if embed:
            from ..themes.vectors import clause_vectors
            flat = clause_vectors([t for c in clauses for _, _, t in c], self.budget)
            bounds = np.cumsum([0] + per_item)
            vecs = [flat[bounds[k]:bounds[k + 1]] for k in range(len(items))]
        themes = {taxonomy: classify_batch(items, taxonomy=taxonomy, top=self.top, embed=embed and taxonomy == "tdi",
                                           vectors=vecs if taxonomy == "tdi" else None)
                  for taxonomy in self.taxonomies}
        found: list[list[dict]] = [[] for _ in docs]
        for k, (n, start) in enumerate(asked):
            for taxonomy in self.taxonomies:
                for t in themes[taxonomy][k]:
                    found[n].append({"taxonomy": taxonomy, "theme": t["theme"], "code": t["code"], "score": t["score"],
                                     "evidence": t["evidence"], "start": start + t["start"], "end": start + t["end"]})
        first = 0
        for n, doc in enumerate(docs):
            doc._.themes = _best_per_theme(found[n])
            if clauses[n] and vecs is not None:
                from ..themes.vectors import records
                doc._.embeddings = records(clauses[n], flat[first:first + len(clauses[n])])
            first += len(clauses[n])
        return docs


def _budget() -> int:
    """The token budget of the tdi model's E5 block (0: whole clauses)."""
    from ..themes.classifier import load
    from ..themes.request_model import e5_budget
    return e5_budget(load("tdi")["model"])


def _reads_e5() -> bool:
    """Whether the shipped tdi model has an E5 path (else there is nothing to embed for)."""
    from ..themes.classifier import load
    from ..themes.request_model import reads_e5
    return reads_e5(load("tdi")["model"])


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
    return ThemeTagger(top=top, name=name)
