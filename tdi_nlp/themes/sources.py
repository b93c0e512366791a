"""Texts the labeled references point into, read at run time from ../shared and the checkout's corpus/.

A reference names a source file (``corpus/<file>`` in the checkout, anything else relative to ../shared), a
document id in it and character offsets into the document's *raw* text (:func:`raw_text`):
- seed documents (``corpus/*``) and AN questions au gouvernement (``data/corpora/an-qag-l16/json/*.json``):
  ``Document.text`` as ``tdi_nlp.readers.read_path`` returns it, before ``tdi_nlp.normalize``; the document id is
  the reader's (the file name for a corpus file, the AN uid);
- vie-publique statements (``data/corpora/vie-publique-2020/statements.jsonl``, a format of their own that no reader
  takes as is): ``text_plain`` of the line whose id (``vp-`` + first 12 hex of sha1(title + "|" + date)) is given.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..config import checkout_path, shared_path
from ..document import Document
from ..normalize import Normalized, normalize, normalize_document
from ..readers import read_path
from ..structure import analyze

AN_DIR = "data/corpora/an-qag-l16/json"
VP_FILE = "data/corpora/vie-publique-2020/statements.jsonl"


def source_path(source: str) -> Path:
    """The file a reference's ``source`` names (corpus/ in the checkout, else under ../shared)."""
    if source.startswith("corpus/"):
        return checkout_path(*source.split("/"), must_exist=False)
    return shared_path(source)


@lru_cache(maxsize=256)
def raw_documents(path: str) -> tuple[Document, ...]:
    """The Documents of a file as the readers give them (raw text, before normalization)."""
    p = Path(path)
    return tuple(read_path(p, p.parent).documents)


@lru_cache(maxsize=2048)
def read_documents(path: str) -> tuple[Document, ...]:
    """The Documents of a file as extraction sees them (read, normalized, sections found: extraction.prepare)."""
    return tuple(analyze(normalize_document(d)[0]) for d in raw_documents(path))


def question_spans(doc) -> list[tuple[int, int]]:
    """Offsets of the question sections of a Document."""
    return [(s.start, s.end) for s in doc.sections if s.kind == "question"]


def an_record(path: str) -> dict:
    """id, question text (its question sections, joined by a blank line), answer text (the same for the answer
    sections) and metadata of one AN JSON file."""
    d = read_documents(path)[0]
    md = d.metadata
    return {
        "id": d.id,
        "text": "\n\n".join(d.text[s:e] for s, e in question_spans(d)),
        "answer": "\n\n".join(d.text[s.start:s.end] for s in d.sections if s.kind == "answer"),
        "rubrique": md.get("rubrique"),
        "title": md.get("analyse"),
        "minister": md.get("minister_questioned"),
        "date": d.date,
    }


def an_records(directory: Path | None = None) -> list[dict]:
    d = Path(directory) if directory else shared_path(AN_DIR)
    return [an_record(str(p)) for p in sorted(d.glob("*.json"))]


def vp_id(rec: dict) -> str:
    return "vp-" + hashlib.sha1(f"{rec.get('title', '')}|{rec.get('date', '')}".encode()).hexdigest()[:12]


@lru_cache(maxsize=2)
def vp_records(path: str | None = None) -> dict[str, dict]:
    p = Path(path) if path else shared_path(VP_FILE)
    out = {}
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[vp_id(rec)] = rec
    return out


def raw_text(source: str, doc_id: str) -> str:
    """The raw text a reference's offsets point into (raises FileNotFoundError or KeyError when absent)."""
    path = source_path(source)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    if source == VP_FILE:
        return vp_records(str(path))[doc_id].get("text_plain") or ""
    if source.startswith("corpus/") or source.startswith(AN_DIR):
        for d in raw_documents(str(path)):
            if d.id == doc_id:
                return d.text
        raise KeyError(f"no document {doc_id!r} in {path}")
    raise ValueError(f"unknown source {source!r}")


@lru_cache(maxsize=512)
def normalized(source: str, doc_id: str) -> Normalized:
    """The text models see of a referenced document, with its offset map to the raw text.

    The normalizer's output for reader documents; vie-publique ``text_plain`` as is (no reader takes it, so it never
    went through the normalizer: normalizing it would change 8 labeled sentences, mostly apostrophes).
    """
    raw = raw_text(source, doc_id)
    if source == VP_FILE:
        return Normalized(raw, raw, list(range(len(raw) + 1)))
    return normalize(raw)
