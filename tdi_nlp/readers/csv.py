"""CSV with a header row: one document per row, mapped by field names like JSON Lines (delimiter sniffed)."""
from __future__ import annotations

import csv
import io

from ..document import Document
from .base import ReaderError, ReadResult
from .fields import FieldMap, row_document

csv.field_size_limit(64 * 1024 * 1024)  # a long text in one cell is a document, not an error


def read(text: str, key: str, path: str, fields: FieldMap = FieldMap()) -> ReadResult:
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or fields.text not in reader.fieldnames:
        raise ReaderError(f"CSV header has no {fields.text!r} column (columns: "
                          f"{', '.join(reader.fieldnames or []) or 'none'}); choose one with --text-field")
    docs: list[Document] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    try:
        for row in reader:
            n = reader.line_num
            row = {k: v for k, v in row.items() if k is not None}
            try:
                docs.append(row_document(row, n, fields, path, "csv", seen))
            except ValueError as exc:
                problems.append((f"{key}:{n}", str(exc)))
    except csv.Error as exc:
        problems.append((f"{key}:{reader.line_num}", f"malformed CSV: {exc}"))
    if not docs:
        reasons = "; ".join(r for _, r in problems[:3])
        raise ReaderError(f"no valid document in CSV file{': ' + reasons if reasons else ''}")
    return ReadResult(docs, problems)
