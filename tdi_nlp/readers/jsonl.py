"""JSON Lines: one document per line, {"id", "text", "date"?, ...}; other fields become metadata."""
from __future__ import annotations

import json

from ..document import Document
from .base import ReadResult, ReaderError
from .text import decode


def read(data: bytes, key: str, path: str):
    docs, problems, seen = [], [], set()
    for n, line in enumerate(decode(data).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{key}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((where, f"invalid JSON on line {n}: {exc.msg}"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj.get("id"):
            problems.append((where, f"line {n} lacks a string 'text' and an 'id'"))
            continue
        doc_id = str(obj["id"])
        if doc_id in seen:
            problems.append((where, f"line {n} repeats id {doc_id!r}"))
            continue
        seen.add(doc_id)
        meta = {k: v for k, v in obj.items() if k not in ("id", "text", "date", "kind")}
        docs.append(Document(id=doc_id, text=obj["text"], source=path, format="jsonl",
                             kind=obj.get("kind") or "other", date=obj.get("date"), metadata=meta))
    if not docs:
        reasons = "; ".join(r for _, r in problems[:3])
        raise ReaderError(f"no valid document in JSON Lines file{': ' + reasons if reasons else ''}")
    return ReadResult(docs, problems)
