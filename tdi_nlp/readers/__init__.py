"""Readers: a path becomes Documents. One module per format; they know nothing of the knowledge base.

``read_path(path, root)`` checks the file (regular file, size before reading, emptiness, binary content), picks the
reader by extension (and by content for .txt files written in Markdown or JSON files from the Assemblée nationale)
and returns a ReadResult.
"""
from __future__ import annotations

import stat
from pathlib import Path

from ..config import settings
from . import an_json, an_zip, csv, docx, eml, html, jsonl, markdown, odt, pdf, rtf
from . import text as plain
from .base import ReaderError, ReadResult, check_bytes, looks_binary, source_key
from .fields import FieldMap
from .text import decode

EXTENSIONS = {
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "an_json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".eml": "eml",
    ".zip": "an_zip",
}
# Formats read from bytes by their own library (no text decoding, no binary check).
BYTES_READERS = {"pdf": pdf.read, "docx": docx.read, "odt": odt.read, "rtf": rtf.read, "eml": eml.read}
TEXT_READERS = {"an_json": an_json.read, "html": html.read}

__all__ = ["EXTENSIONS", "FieldMap", "ReadResult", "ReaderError", "check_bytes", "iter_files", "looks_binary",
           "read_path", "source_key"]


def _read_bytes(path: Path, limit_mb: float) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise ReaderError("not a regular file (a pipe, device or socket)")
        if info.st_size > limit_mb * 1024 * 1024:  # checked before reading anything
            raise ReaderError(f"file too large: {info.st_size / 1024 / 1024:.1f} MB over the {limit_mb:g} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot open file: {exc.strerror or exc}") from exc
    check_bytes(data, limit_mb)
    return data


def read_path(path: Path | str, root: Path | None = None, max_mb: float | None = None,
              fields: FieldMap | None = None) -> ReadResult:
    """Read one file into Documents, or raise ReaderError."""
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ReaderError(f"unknown extension {path.suffix or '(none)'!r}: expected one of {', '.join(sorted(EXTENSIONS))}")
    limit = max_mb if max_mb is not None else settings.max_file_mb
    data = _read_bytes(path, limit)
    key, where = source_key(path, root), str(path)
    if fmt in BYTES_READERS:
        return ReadResult([BYTES_READERS[fmt](data, key, where)])
    if fmt == "an_zip":
        return an_zip.read(data, key, where, limit)
    if looks_binary(data):
        raise ReaderError("binary file: not text (NUL or control bytes)")
    if fmt == "jsonl":
        return jsonl.read(data, key, where, fields or FieldMap())
    text = decode(data)
    if not text.strip():
        raise ReaderError("empty file: no text after decoding")
    if fmt == "csv":
        return csv.read(text, key, where, fields or FieldMap())
    if fmt in TEXT_READERS:
        return ReadResult([TEXT_READERS[fmt](text, key, where)])
    if fmt == "markdown" or markdown.looks_like_markdown(text):
        return ReadResult([markdown.read(text, key, where)])
    return ReadResult([plain.read(text, key, where)])


def iter_files(paths: list[str | Path]):
    """(file, root) for every file under the paths given, sorted, hidden files skipped."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield f, p
        else:
            yield p, p.parent
