"""The retrieval index over past question/answer pairs, stored beside the KB (``<kb>.index/``).

One entry per document that has a "question" and an "answer" section. Each entry keeps the stemmed terms of its
question side (title + question) and of its answer, two unit word vectors, and what the boosts and the citations
need (ministry, rubrique, themes, territory ids, number, author, JO date). The index is updated incrementally:
documents whose id is new or whose sha256 changed are (re)indexed, removed ones dropped.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import analysis, semantic, store
from .bm25 import BM25
from . import rerank as rerank_mod
from .diversify import ia_select

INDEX_VERSION = 3
# the indexing of a past question (AN rubrique, heading and title): a short field of its own
LABEL_FIELDS = ("rubrique", "tete_analyse", "analyse")


def entry_from_document(doc_id: str, text: str, sections: list[dict], metadata: dict, date: str | None,
                        kind: str, sha256: str = "", mentions: Sequence[dict] = (),
                        themes: Sequence[dict] = ()) -> dict | None:
    """The index entry of a document, or None when it is not a question/answer pair."""
    q_parts = [text[s["start"]:s["end"]] for s in sections if s["kind"] == "question"]
    a_secs = [s for s in sections if s["kind"] == "answer"]
    if not q_parts or not a_secs:
        return None
    title = metadata.get("analyse") or metadata.get("title") or ""
    q_text = "\n".join(([title] if title else []) + q_parts)
    a_text = "\n".join(text[s["start"]:s["end"]] for s in a_secs)
    author = metadata.get("author")
    if not author:  # an OCR'd question: the first person named in the question is its author
        q_start = min(s["start"] for s in sections if s["kind"] == "question")
        people = [m for m in mentions if m["label"] == "PERSON" and m.get("section") == "question"
                  and m["start"] >= q_start]
        author = people[0]["text"] if people else None
    return {
        "id": doc_id, "sha256": sha256, "kind": kind, "date": date,
        "uid": metadata.get("uid"), "number": metadata.get("number"), "type": metadata.get("type"),
        "title": title or None, "author": author, "answered_by": metadata.get("answered_by"),
        "ministry": metadata.get("ministry_attributed") or metadata.get("ministry_questioned"),
        "minister": metadata.get("minister_attributed") or metadata.get("minister_questioned"),
        "jo_date": metadata.get("answer_jo_date") or date,
        "rubrique": metadata.get("rubrique"),
        "themes": sorted({t["theme"] for t in themes}),
        "territories": sorted({m["entity_id"] for m in mentions if m["label"] == "TERRITORY" and m.get("entity_id")}),
        "orgs": sorted({m["entity_id"] for m in mentions if m["label"] == "ORG" and m.get("entity_id")}),
        "q_terms": analysis.terms(q_text),
        "l_terms": analysis.terms(" ".join(str(metadata.get(k) or "") for k in LABEL_FIELDS)),
        "a_terms": analysis.terms(a_text),
        "_q_text": q_text, "_a_text": a_text,
    }


MINISTRY_OVERLAP = 0.6  # share of the shorter name's content terms found in the other
_MINISTRY_WORDS = {"ministere", "ministre", "delegue", "deleguee", "charge", "chargee", "aupres", "secretaire",
                   "etat", "premier", "premiere", "mme", "madame", "monsieur"}


@lru_cache(maxsize=10_000)
def _ministry_terms(name: str) -> frozenset[str]:
    terms = set(analysis.terms(name)) - {analysis.stem(w) for w in _MINISTRY_WORDS}
    return frozenset(terms or {analysis.fold(name).strip()})


def ministry_terms(name: str | None) -> set[str]:
    """Content terms of a ministry name: "Ministère de l'économie, des finances..." -> {"economi", "financ"}."""
    if not name:
        return set()
    return set(_ministry_terms(name))


def ministry_match(key: str, terms: set[str], other_name: str) -> float:
    """1 for the same ministry name, half the Jaccard index of their terms for a close name, else 0."""
    if analysis.fold(other_name).strip() == key:
        return 1.0
    other = ministry_terms(other_name)
    shared = len(terms & other)
    if not shared or shared / min(len(terms), len(other)) < MINISTRY_OVERLAP:
        return 0.0
    return 0.5 * shared / len(terms | other)


@dataclass
class Hit:
    entry: dict
    score: float
    signals: dict = field(default_factory=dict)

    def as_source(self) -> dict:
        e = self.entry
        return {"id": e["id"], "score": round(self.score, 4), "uid": e.get("uid"), "number": e.get("number"),
                "title": e.get("title"), "author": e.get("author"), "jo_date": e.get("jo_date"),
                "ministry": e.get("ministry"), "rubrique": e.get("rubrique"),
                "signals": {k: round(v, 4) for k, v in self.signals.items()}}


@dataclass
class Weights:
    """Fusion weights (normalized scores) and boosts; tuned with ``tdi-nlp eval drafting``."""
    bm25_question: float = 1.0
    bm25_answer: float = 1.0
    bm25_labels: float = 0.3
    vector_question: float = 0.3
    vector_answer: float = 0.0
    vector_e5: float = 0.0  # E5 vectors of the past questions (semantic.py); 0 skips the query embedding
    territory: float = 0.15
    theme: float = 0.15
    ministry: float = 0.2
    rubrique: float = 0.0  # times the rubrique classifier's probability of the entry's rubrique for the query
    # "sum": normalized scores summed with the weights above; "rrf": reciprocal-rank fusion, sum of weight / (rrf_k
    # + rank) over the rankers
    fusion: str = "sum"
    rrf_k: float = 60.0
    # intent-aware diversification of the first places (diversify.py); 0 places turns it off
    diversify_places: int = 3
    diversify_depth: int = 10  # candidates considered
    diversify_alpha: float = 0.3  # weight of the rubrique classifier against the candidates' own rubriques
    diversify_gamma: float = 2.0
    diversify_temperature: float = 0.2
    diversify_confidence: float = 0.9
    # the learned second stage over the first candidates' rubriques (rerank.py), which takes the first
    # diversify_places places instead of the diversification when its model (resources/drafting/rerank.json) is there
    rerank: bool = True
    rerank_keep_first: bool = True  # the first stage's best keeps the first place (rerank.KEEP_FIRST)


class RetrievalIndex:
    def __init__(self, entries: list[dict] | None = None, vectors: np.ndarray | None = None,
                 manifest: dict[str, str] | None = None):
        self.entries: list[dict] = entries or []
        dim = analysis.word_vectors().dim
        self.vectors = vectors if vectors is not None else np.zeros((0, 2, dim), dtype=np.float32)
        self.manifest: dict[str, str] = manifest or {}
        self.state: tuple | None = None  # the kb.state() the manifest was last checked against (for_kb)
        self.semantic = semantic.QuestionVectors()
        self._fit()

    # Building -------------------------------------------------------------------------------------------------
    def _fit(self) -> None:
        self.bm25_q = BM25([e["q_terms"] for e in self.entries])
        self.bm25_a = BM25([e["a_terms"] for e in self.entries])
        self.bm25_l = BM25([e.get("l_terms", []) for e in self.entries])
        self.pos = {e["id"]: i for i, e in enumerate(self.entries)}
        self._idf_map = {t: float(self.bm25_q.idf[j]) for t, j in self.bm25_q.vocab.items()}
        # the entries of each territory, theme or rubrique, and ministry name: boosts without a loop over entries
        self._by_territory: dict[str, list[int]] = {}
        self._by_label: dict[str | None, list[int]] = {}
        self._by_ministry: dict[str, list[int]] = {}
        self._by_rubrique: dict[str, list[int]] = {}
        for i, e in enumerate(self.entries):
            if e.get("rubrique"):
                self._by_rubrique.setdefault(e["rubrique"].lower(), []).append(i)
            for t in set(e["territories"]):
                self._by_territory.setdefault(t, []).append(i)
            for t in set(e["themes"]) | {e.get("rubrique")}:
                self._by_label.setdefault(t, []).append(i)
            if e.get("ministry"):
                self._by_ministry.setdefault(e["ministry"], []).append(i)

    def _idf(self) -> dict[str, float]:
        """Term weights of the word-vector means: the idf of the question field."""
        return self._idf_map

    def add(self, new: list[dict]) -> None:
        """Add (or replace) entries; their texts are dropped once vectorized."""
        if not new:
            return
        ids = {e["id"] for e in new}
        keep = [i for i, e in enumerate(self.entries) if e["id"] not in ids]
        self.entries = [self.entries[i] for i in keep] + list(new)
        self.vectors = self.vectors[keep]
        self._fit()
        self.semantic.add(new)
        wv, idf = analysis.word_vectors(), self._idf()
        vecs = np.stack([np.stack([wv.text(e.pop("_q_text"), idf), wv.text(e.pop("_a_text"), idf)]) for e in new])
        self.vectors = np.concatenate([self.vectors, vecs.astype(np.float32)])

    def remove(self, ids: set[str]) -> None:
        keep = [i for i, e in enumerate(self.entries) if e["id"] not in ids]
        self.entries = [self.entries[i] for i in keep]
        self.vectors = self.vectors[keep]
        self.semantic.remove(ids)
        self._fit()

    # Search ---------------------------------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, territories=(), themes=(), ministry: str | None = None,
               exclude=(), weights: Weights | None = None, rubriques: dict[str, float] | None = None,
               collect: list | None = None) -> list[Hit]:
        """The k best past question/answer pairs for a query text, best first.

        rubriques: the query's likely AN rubriques with their probabilities (from the rubrique classifier), which
        the diversification of the first places uses (diversify.py); sources then come in that order.
        collect: a list to which the second stage's view of the first candidates (rerank.Candidates) is appended
        (to fit the second stage: eval/drafting.py).
        """
        w = weights or Weights()
        n = len(self.entries)
        if not n:
            return []
        q_terms = analysis.terms(query)
        qv = analysis.word_vectors().text(query, self._idf())
        raw = {
            "bm25_question": self.bm25_q.scores(q_terms),
            "bm25_answer": self.bm25_a.scores(q_terms),
            "bm25_labels": self.bm25_l.scores(q_terms),
            "vector_question": self.vectors[:, 0] @ qv,
            "vector_answer": self.vectors[:, 1] @ qv,
        }
        if w.vector_e5 and len(self.semantic):
            raw["vector_e5"] = self.semantic.scores(query, [e["id"] for e in self.entries])
        mask = np.ones(n, dtype=bool)
        for doc_id in exclude:
            if doc_id in self.pos:
                mask[self.pos[doc_id]] = False
        score = np.zeros(n, dtype=np.float32)
        norm = {}
        for name, s in raw.items():
            s = np.where(mask, s, 0.0)
            top = float(s.max()) if mask.any() else 0.0
            lo = float(np.median(s[mask])) if name.startswith("vector") and mask.any() else 0.0
            norm[name] = np.clip((s - lo) / (top - lo), 0, None) if top > lo else np.zeros(n, dtype=np.float32)
            if w.fusion == "rrf":
                if getattr(w, name):
                    rank = np.empty(n, dtype=np.float32)
                    rank[np.argsort(-norm[name], kind="stable")] = np.arange(1, n + 1, dtype=np.float32)
                    score += getattr(w, name) * (w.rrf_k + 1) / (w.rrf_k + rank) * (norm[name] > 0)
            else:
                score += getattr(w, name) * norm[name]
        score /= sum(getattr(w, name) for name in raw)
        boosts = np.zeros(n, dtype=np.float32)
        mterms, mkey = ministry_terms(ministry), analysis.fold(ministry or "").strip()
        prior = {k.lower(): v for k, v in (rubriques or {}).items()}
        # per entry, in this order: a shared territory, a shared theme or rubrique, the ministry's likeness
        for names, by, boost in ((set(territories), self._by_territory, w.territory),
                                 (set(themes), self._by_label, w.theme)):
            hit = np.zeros(n, dtype=bool)
            for name in names:
                hit[by.get(name, [])] = True
            boosts[hit] += boost
        if mterms:
            for name, where in self._by_ministry.items():
                match = ministry_match(mkey, mterms, name)
                if match:
                    boosts[where] += w.ministry * match
        if w.rubrique and prior:
            for name, p in prior.items():
                boosts[self._by_rubrique.get(name, [])] += w.rubrique * p
        score = score + boosts
        score[~mask] = -np.inf
        model = rerank_mod.shipped() if w.rerank and w.diversify_places else None
        depth = max(w.diversify_depth, model.depth if model else 0, rerank_mod.DEPTH if collect is not None else 0)
        order = [int(i) for i in np.argsort(-score, kind="stable")[:max(k, depth)] if np.isfinite(score[i])]
        if collect is not None:
            collect.append(self.candidates(order[:rerank_mod.DEPTH], score, norm, boosts, mask, prior, mkey, mterms))
        if model is not None and len(order) > 1:
            head = order[:model.depth]
            c = self.candidates(head, score, norm, boosts, mask, prior, mkey, mterms)
            picked = rerank_mod.order(model, c, w.diversify_places, w.rerank_keep_first)
            order = [head[j] for j in picked] + order[len(head):]
        elif w.diversify_places and len(order) > 1:
            head = order[:w.diversify_depth]
            readings = [(self.entries[i].get("rubrique") or "").lower() or None for i in head]
            picked = ia_select([float(score[i]) for i in head], readings, w.diversify_places, prior,
                               w.diversify_alpha, w.diversify_gamma, w.diversify_temperature,
                               w.diversify_confidence)
            order = [head[j] for j in picked] + order[len(head):]
        order = order[:k]
        return [Hit(self.entries[i], float(score[i]),
                    {**{name: float(norm[name][i]) for name in raw}, "boost": float(boosts[i])}) for i in order]

    def candidates(self, head: list[int], score: np.ndarray, norm: dict, boosts: np.ndarray, mask: np.ndarray,
                   prior: dict[str, float], mkey: str, mterms: set[str]) -> rerank_mod.Candidates:
        """What the second stage (rerank.py) reads of the first candidates ``head`` (entry positions, best first):
        their rubriques, scores and signals, the query's rubrique prior, and per rubrique the count of past
        questions and its share among those put to the query's ministry (entries masked out not counted)."""
        counts = {r: int(mask[where].sum()) for r, where in self._by_rubrique.items()}
        share: dict[str, float] = {}
        if mterms:
            same = [i for name, where in self._by_ministry.items() if ministry_match(mkey, mterms, name) > 0
                    for i in where if mask[i]]
            for i in same:
                r = (self.entries[i].get("rubrique") or "").lower()
                if r:
                    share[r] = share.get(r, 0.0) + 1.0 / len(same)
        return rerank_mod.Candidates(
            [(self.entries[i].get("rubrique") or "").lower() or None for i in head], [float(score[i]) for i in head],
            [{**{name: float(v[i]) for name, v in norm.items()}, "boost": float(boosts[i])} for i in head],
            prior, counts, share)

    # Storage --------------------------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        store.save(folder, "index", INDEX_VERSION, "entries", self.entries, self.vectors, self.manifest)
        self.semantic.save(folder)

    @classmethod
    def load(cls, folder: Path) -> "RetrievalIndex | None":
        found = store.load(folder, "index", INDEX_VERSION, "entries")
        if found is None:
            return None
        index = cls(*found)
        if semantic.ENABLED:
            vectors = semantic.QuestionVectors.load(folder)
            if vectors is None or not vectors.covers([e["id"] for e in index.entries]):
                return None
            index.semantic = vectors
        return index


def index_dir(kb_path: str | Path) -> Path:
    return Path(str(kb_path) + ".index")


_LOADED: dict[str, RetrievalIndex] = {}


def for_kb(kb) -> RetrievalIndex:
    """The index of a KnowledgeBase, loaded from beside it and brought up to date (new, changed, removed docs)."""
    folder = index_dir(kb.path)
    key = str(Path(kb.path).resolve())
    index = _LOADED.get(key) if folder.is_dir() else None
    if index is None:
        index = RetrievalIndex.load(folder) or RetrievalIndex()
        _LOADED[key] = index
    state = kb.state()
    if index.state == state:  # checked against this state of the KB already
        return index
    current = kb.document_hashes()
    removed = {d for d in index.manifest if d not in current}
    todo = [d for d, sha in current.items() if index.manifest.get(d) != sha]
    if not removed and not todo:
        index.state = state
        return index
    if removed:
        index.remove(removed)
        for d in removed:
            del index.manifest[d]
    new = []
    for doc_id in todo:
        doc = kb.document(doc_id)
        entry = entry_from_document(doc_id, doc["text"], doc["sections"], doc["metadata"], doc["date"], doc["kind"],
                                    doc["sha256"], kb.mentions(doc_id=doc_id), kb.themes(doc_id))
        index.manifest[doc_id] = doc["sha256"]
        if entry is not None:
            new.append(entry)
        elif doc_id in index.pos:
            index.remove({doc_id})
    index.add(new)
    index.save(folder)
    index.state = state
    return index
