"""Draft answers from past responses (issue 6): ``draft(question, kb)``.

Retrieval over the question/answer pairs of the KB (BM25 over past questions, answers and their AN indexing,
fr_core_news_md word vectors, normalized-score fusion, boosts for shared territories, themes and ministry, the
first three places given by a learned second stage over the first candidates' AN rubriques and the rubrique
classifier's probabilities: rerank.py; without its model, diversified over the likely rubriques: diversify.py), then
composition in French with citations and a "Chiffres à vérifier" block (see compose.py, index.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..kb import KnowledgeBase
from . import already as already_mod
from . import analysis, compose
from .analysis import adopt
from .answers import answer_requests
from .requests import find_requests

__all__ = ["draft", "Draft", "EmptyQuestion"]


class EmptyQuestion(ValueError):
    pass


@dataclass
class Draft:
    question: str
    text: str                      # Markdown
    sources: list[dict]            # ranked: {"id", "score", "uid", "number", "author", "jo_date", ...}
    stale_figures: list[dict]
    passages: list[dict] = field(default_factory=list)
    question_territories: list[str] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)       # {"text", "kind", "found", "passages", "figure"}
    already_asked: list[dict] = field(default_factory=list)  # {"id", "uid", "number", "author", "jo_date", ...}
    header: dict = field(default_factory=dict)               # {"number", "author", "date"} when the text says

    def as_dict(self) -> dict:
        return {"text": self.text, "sources": self.sources, "stale_figures": self.stale_figures,
                "passages": self.passages, "question_territories": self.question_territories,
                "requests": self.requests, "already_asked": self.already_asked, "header": self.header}


def question_facts(question: str, nlp=None) -> tuple[set[str], set[str]]:
    """(territory ids, themes) of a question text, read by the project pipeline."""
    territories, themes, _ = read_question(question, nlp)
    return territories, themes


def read_question(question: str, nlp=None) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """(territory ids, themes, {territory id: its names as written and its official name}) of a question text."""
    # heavy (spaCy): `tdi-nlp` imports drafting.cli, hence this package, for every command
    from ..extraction import extract
    from ..pipeline import load
    nlp = nlp or load()
    adopt(nlp.vocab)
    recs = extract(question, nlp=nlp)
    themes: set[str] = set()
    places: dict[str, set[str]] = {}
    for rec in recs:
        for e in rec["entities"]:
            if e["label"] == "TERRITORY" and e.get("entity_id"):
                name = (e.get("value") or {}).get("name")
                places.setdefault(e["entity_id"], set()).update([e["text"]] + ([name] if name else []))
        themes |= {t["theme"] for t in rec.get("themes", [])}
    return set(places), themes, places


def _names(kb, territories: set[str]) -> dict[str, set[str]]:
    """{territory id: {its official name}} for the ids the KB knows."""
    out = {}
    for t in territories:
        e = kb.entity(t)
        if e:
            out[t] = {e["canonical"]}
    return out


def rubrique_prior(question: str, ministry: str | None, top: int = 10) -> dict[str, float]:
    """{AN rubrique: probability} of a question from the rubrique classifier ({} when the model is missing)."""
    from ..themes.classifier import ModelMissing, classify  # heavy (scikit-learn), see question_facts
    try:
        return {t["code"]: t["score"] for t in classify(question, taxonomy="rubrique", minister=ministry, top=top,
                                                     min_score=0.0)}
    except ModelMissing:
        return {}


def draft(question: str, kb, k: int = 5, ministry: str | None = None, max_passages: int = 6, nlp=None,
          territories: set[str] | None = None, themes: set[str] | None = None) -> Draft:
    """A draft answer to question from the past answers of kb (a KnowledgeBase or the path of one).

    ministry: the ministry the question is addressed to (default: the minister named at the start of the question).
    territories/themes: the question's, when already known (otherwise extracted from the question with the pipeline).
    Raises EmptyQuestion for a blank question and FileNotFoundError for a missing KB.
    """
    from . import passages as passages_mod  # heavy (bm25s, numpy), see question_facts
    from .index import for_kb
    if not question or not question.strip():
        raise EmptyQuestion("empty question: give the text of the question to answer")
    own = not isinstance(kb, KnowledgeBase)
    if own:
        if not Path(kb).exists():
            raise FileNotFoundError(f"no knowledge base at {kb}: run `tdi-nlp extract FOLDER --kb {kb}` first")
        kb = KnowledgeBase(kb)
    try:
        places = None
        if territories is None or themes is None:
            found_t, found_th, places = read_question(question, nlp)
            if territories is not None:
                places = None
            territories = found_t if territories is None else territories
            themes = found_th if themes is None else themes
        if places is None:
            places = _names(kb, territories)
        index = for_kb(kb)
        addressed = ministry or compose.addressee(question)
        # the "already asked" candidates go deeper than the sources (the first k places are the same)
        candidates = index.search(question, k=max(k, already_mod.CANDIDATES), territories=territories,
                                  themes=themes, ministry=addressed, rubriques=rubrique_prior(question, addressed))
        hits = candidates[:k]
        passages = compose.select_passages(kb, hits, question, index, max_passages=max_passages)
        compose.flag_territories(kb, passages, territories)
        requests = find_requests(question)
        answers = answer_requests(kb, question, requests, passages_mod.for_kb(kb), places=places) if requests else []
        if requests:
            passages = passages[:CONTEXT_PASSAGES]
        refs = {h.entry["id"]: rank for rank, h in enumerate(hits, 1)}
        citations = [compose.citation(h.entry) for h in hits]
        sources = []
        for h in hits:
            s = h.as_source()
            s["citation"] = compose.citation(h.entry)
            sources.append(s)
        blocks = []
        for a in answers:
            cited = []
            for ph in a.passages:
                doc_id = ph.chunk["doc_id"]
                if doc_id not in refs:
                    doc = kb.document(doc_id)
                    refs[doc_id] = len(refs) + 1
                    cite = compose.doc_citation(doc) if ph.chunk["origin"] == "document" else \
                        compose.citation(_entry_of(index, doc))
                    citations.append(cite)
                    sources.append({"id": doc_id, "score": round(ph.score, 4), "kind": doc["kind"],
                                    "date": doc["date"], "title": (doc["metadata"] or {}).get("title"),
                                    "citation": cite})
                cited.append(compose.Passage(refs[doc_id], doc_id, ph.chunk["start"], ph.chunk["end"], ph.text,
                                             round(ph.score, 4)))
            blocks.append((a, cited))
        compose.flag_territories(kb, [p for _, cited in blocks for p in cited], territories)
        cited_all = passages + [p for _, cited in blocks for p in cited]
        stale = compose.stale_figures(kb, cited_all)
        asked = already_mod.already_asked(index, question, candidates)
        already = [{"citation": compose.citation(x["entry"]), "answer": _answer_excerpt(kb, x["entry"]["id"])}
                   for x in asked]
        text = compose.render(question, ministry, hits, passages, stale, blocks, already, citations)
        return Draft(question, text, sources, stale,
                     [{"source": p.source, "doc_id": p.doc_id, "start": p.start, "end": p.end, "text": p.text,
                       "flags": p.flags} for p in cited_all], sorted(territories),
                     [{"text": a.request.text, "kind": a.request.kind, "found": a.found,
                       "passages": [{"source": p.source, "doc_id": p.doc_id, "start": p.start, "end": p.end}
                                    for p in cited], "figure": _figure_dict(a.figure)} for a, cited in blocks],
                     [{**{k: x["entry"].get(k) for k in ("id", "uid", "number", "author", "jo_date", "title")},
                       "similarity": x["similarity"], "citation": a["citation"], "answer": a["answer"]}
                      for x, a in zip(asked, already)],
                     compose.question_header(question))
    finally:
        if own:
            kb.close()


CONTEXT_PASSAGES = 2  # passages of the closest past answers kept below the request blocks
ANSWER_EXCERPT = 300


def _entry_of(index, doc: dict) -> dict:
    i = index.pos.get(doc["id"])
    if i is not None:
        return index.entries[i]
    meta = doc.get("metadata") or {}
    return {"id": doc["id"], "kind": doc["kind"], "uid": meta.get("uid"), "number": meta.get("number"),
            "type": meta.get("type"), "title": meta.get("analyse") or meta.get("title"), "author": meta.get("author"),
            "jo_date": meta.get("answer_jo_date") or doc.get("date"), "answered_by": meta.get("answered_by")}


def _answer_excerpt(kb, doc_id: str) -> str:
    """The first sentences of a past answer, up to about ANSWER_EXCERPT characters."""
    doc = kb.document(doc_id)
    out = ""
    for sec in (s for s in doc["sections"] if s["kind"] == "answer"):
        for s, e in analysis.sentences(doc["text"][sec["start"]:sec["end"]], sec["start"]):
            if doc["text"][s:e] == sec.get("title") or e - s < 40:
                continue
            if out and len(out) + e - s > ANSWER_EXCERPT:
                return out + " […]"
            out = (out + " " + doc["text"][s:e]).strip()
    return out


def _figure_dict(fig: dict | None) -> dict | None:
    if not fig:
        return None
    return {k: fig.get(k) for k in ("value", "display", "date", "doc_id", "text", "sentence", "thing")}
