"""JSON Lines: one document per line, {"id", "text", "date"?, "kind"?, ...}; other fields become metadata."""
from __future__ import annotations

import json

from ..document import Document
from .base import ReaderError, ReadResult
from .fields import FieldMap, row_document
from .text import decode


def read(data: bytes, key: str, path: str, fields: FieldMap = FieldMap()) -> ReadResult:
    docs: list[Document] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for n, line in enumerate(decode(data).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{key}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((where, f"invalid JSON on line {n}: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            problems.append((where, f"line {n} is not a JSON object"))
            continue
        try:
            docs.append(row_document(obj, n, fields, path, "jsonl", seen))
        except ValueError as exc:
            problems.append((where, str(exc).replace("row ", "line ", 1)))
    if not docs:
        reasons = "; ".join(r for _, r in problems[:3])
        raise ReaderError(f"no valid document in JSON Lines file{': ' + reasons if reasons else ''}")
    return ReadResult(docs, problems)
