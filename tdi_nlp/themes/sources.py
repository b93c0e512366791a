"""Texts the labeled references point into, read at run time from ../shared and corpus/.

A reference names a source file ("corpus/..." relative to the repository, anything else relative to ../shared),
a document id in it and character offsets into the text that :func:`document_text` returns:
- seed documents (``corpus/*``) and AN questions au gouvernement (``data/corpora/an-qag-l16/json/*.json``): the text
  of the document as the project's readers and normalizer give it, i.e. the text every offset of the knowledge base
  refers to (``tdi_nlp.readers.read_path`` then ``tdi_nlp.extract.prepare``);
- vie-publique statements (``data/corpora/vie-publique-2020/statements.jsonl``, a format of their own that no reader
  takes as is): ``text_plain`` of the line whose id (``vp-`` + first 12 hex of sha1(title + "|" + date)) is given.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..config import REPO_DIR, shared_path
from ..extraction import prepare
from ..readers import read_path

AN_DIR = "data/corpora/an-qag-l16/json"
VP_FILE = "data/corpora/vie-publique-2020/statements.jsonl"


def resolve(source: str) -> Path:
    return REPO_DIR / source if source.startswith("corpus/") else shared_path(source)


@lru_cache(maxsize=2048)
def read_documents(path: str) -> tuple:
    """The Documents of a file as extraction sees them (read, normalized, sections found)."""
    p = Path(path)
    return tuple(prepare(d)[0] for d in read_path(p, p.parent).documents)


def _document(path: str, doc_id: str):
    docs = read_documents(path)
    if not docs:
        raise KeyError(f"no document in {path}")
    for d in docs:
        if d.id == doc_id or Path(d.id).stem == doc_id:
            return d
    if len(docs) == 1:
        return docs[0]
    raise KeyError(f"no document {doc_id!r} in {path}")


def question_spans(doc) -> list[tuple[int, int]]:
    """Offsets of the question sections of a Document."""
    return [(s.start, s.end) for s in doc.sections if s.kind == "question"]


def an_record(path: str) -> dict:
    """id, question text (its question sections, joined by a blank line) and metadata of one AN JSON file."""
    d = read_documents(path)[0]
    md = d.metadata
    return {
        "id": d.id,
        "text": "\n\n".join(d.text[s:e] for s, e in question_spans(d)),
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


def document_text(source: str, doc_id: str) -> str:
    """The text a reference's offsets point into (raises FileNotFoundError or KeyError when absent)."""
    path = resolve(source)
    if source == VP_FILE:
        return vp_records(str(path))[doc_id].get("text_plain") or ""
    if source.startswith("corpus/") or source.startswith(AN_DIR):
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        return _document(str(path), doc_id).text
    raise ValueError(f"unknown source {source!r}")
