"""Readers: a path becomes Documents. One module per format; they know nothing of the knowledge base.

``read_path(path, root)`` checks the file (size, emptiness, binary content), picks the reader by extension (and by
content for .txt files written in Markdown or JSON files from the Assemblée nationale) and returns a ReadResult.
"""
from __future__ import annotations

import stat
from pathlib import Path

from ..config import settings
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
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".eml": "eml",
    ".csv": "csv",
    ".tsv": "csv",
    ".zip": "an_zip",
}
BINARY_FORMATS = ("pdf", "docx", "odt", "an_zip")


from .base import ReaderError, ReadResult
from .fields import FieldMap


def source_key(path: Path, root: Path | None) -> str:
    """The key of a file: its path relative to the folder given (else its name)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() if root else path.name
    except ValueError:
        return path.name


def check_bytes(data: bytes, max_mb: float) -> None:
    if len(data) > max_mb * 1024 * 1024:
        raise ReaderError(f"file too large: {len(data) / 1024 / 1024:.1f} MB over the {max_mb:g} MB limit")
    if not data.strip():
        raise ReaderError("empty file")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def read_path(path: Path | str, root: Path | None = None, max_mb: float | None = None,
              fields: FieldMap | None = None) -> ReadResult:
    """Read one file into Documents, or raise ReaderError."""
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ReaderError(f"unknown extension {path.suffix or '(none)'!r}: expected one of {', '.join(sorted(EXTENSIONS))}")
    limit = max_mb if max_mb is not None else settings.max_file_mb
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise ReaderError("not a regular file (a pipe, device or socket)")
        if info.st_size > limit * 1024 * 1024:  # checked before reading anything
            raise ReaderError(f"file too large: {info.st_size / 1024 / 1024:.1f} MB over the {limit:g} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot open file: {exc.strerror or exc}") from exc
    check_bytes(data, limit)
    key = source_key(path, root)
    if fmt == "pdf":
        from . import pdf
        return ReadResult([pdf.read(data, key, str(path))])
    if fmt == "docx":
        from . import docx
        return ReadResult([docx.read(data, key, str(path))])
    if fmt == "odt":
        from . import odt
        return ReadResult([odt.read(data, key, str(path))])
    if fmt == "an_zip":
        from . import an_zip
        return an_zip.read(data, key, str(path), max_mb if max_mb is not None else settings.max_file_mb)
    if fmt == "rtf":
        from . import rtf
        return ReadResult([rtf.read(data, key, str(path))])
    if fmt == "eml":
        from . import eml
        return ReadResult([eml.read(data, key, str(path))])
    if looks_binary(data):
        raise ReaderError("binary file: not text (NUL or control bytes)")
    if fmt == "jsonl":
        from . import jsonl
        return jsonl.read(data, key, str(path), fields or FieldMap())
    from .text import decode
    text = decode(data)
    if not text.strip():
        raise ReaderError("empty file: no text after decoding")
    if fmt == "an_json":
        from . import an_json
        return ReadResult([an_json.read(text, key, str(path))])
    if fmt == "csv":
        from . import csv
        return csv.read(text, key, str(path), fields or FieldMap())
    if fmt == "html":
        from . import html
        return ReadResult([html.read(text, key, str(path))])
    from . import markdown
    if fmt == "markdown" or markdown.looks_like_markdown(text):
        return ReadResult([markdown.read(text, key, str(path))])
    from . import text as plain
    return ReadResult([plain.read(text, key, str(path))])


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
