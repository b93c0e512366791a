"""Rows of JSON Lines or CSV files become Documents through a field mapping (which field is the text, id, date)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..document import KINDS, Document

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class FieldMap:
    text: str = "text"
    id: str = "id"
    date: str = "date"
    kind: str = "kind"


def iso_date(value) -> str:
    """The ISO day of an ISO date or datetime string; ValueError otherwise."""
    if not isinstance(value, str) or not _ISO.match(value.strip()):
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD) or datetime")
    s = value.strip()
    day = datetime.fromisoformat(s.replace("Z", "+00:00")).date() if len(s) > 10 else date.fromisoformat(s)
    return day.isoformat()


def row_document(row: dict, n: int, fields: FieldMap, path: str, fmt: str, seen: set[str]) -> Document:
    """The Document of row n, or ValueError saying what is wrong with it."""
    text, doc_id = row.get(fields.text), row.get(fields.id)
    if not isinstance(text, str):
        raise ValueError(f"row {n} has no string field {fields.text!r} (the text)")
    if not text.strip():
        raise ValueError(f"row {n} has an empty text")
    if isinstance(doc_id, (dict, list, bool)) or doc_id is None or not str(doc_id).strip():
        raise ValueError(f"row {n} has no usable id in field {fields.id!r}")
    doc_id = str(doc_id).strip()
    if doc_id in seen:
        raise ValueError(f"row {n} repeats id {doc_id!r}")
    raw_date = row.get(fields.date)
    day = iso_date(raw_date) if raw_date not in (None, "") else None
    kind = row.get(fields.kind)
    kind = kind if isinstance(kind, str) and kind in KINDS else "other"
    seen.add(doc_id)
    meta = {k: v for k, v in row.items() if k not in (fields.id, fields.text, fields.date, fields.kind)}
    return Document(id=doc_id, text=text, source=path, format=fmt, kind=kind, date=day, metadata=meta)
