"""Readers: a path becomes Documents. One module per format; they know nothing of the knowledge base.

``read_path(path, root)`` checks the file (size, emptiness, binary content), picks the reader by extension (and by
content for .txt files written in Markdown or JSON files from the Assemblée nationale) and returns a ReadResult.
"""
from __future__ import annotations

from pathlib import Path

from ..config import settings
from . import an_json, html, jsonl, markdown, pdf
from . import text as plain
from .base import ReaderError, ReadResult, check_bytes, looks_binary, source_key
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
}


__all__ = ["EXTENSIONS", "ReadResult", "ReaderError", "check_bytes", "iter_files", "looks_binary", "read_path",
           "source_key"]


def read_path(path: Path | str, root: Path | None = None, max_mb: float | None = None) -> ReadResult:
    """Read one file into Documents, or raise ReaderError."""
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ReaderError(f"unknown extension {path.suffix or '(none)'!r}: expected one of {', '.join(sorted(EXTENSIONS))}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot open file: {exc.strerror or exc}") from exc
    check_bytes(data, max_mb if max_mb is not None else settings.max_file_mb)
    key = source_key(path, root)
    if fmt == "pdf":
        return ReadResult([pdf.read(data, key, str(path))])
    if looks_binary(data):
        raise ReaderError("binary file: not text (NUL or control bytes)")
    if fmt == "jsonl":
        return jsonl.read(data, key, str(path))
    text = decode(data)
    if not text.strip():
        raise ReaderError("empty file: no text after decoding")
    if fmt == "an_json":
        return ReadResult([an_json.read(text, key, str(path))])
    if fmt == "html":
        return ReadResult([html.read(text, key, str(path))])
    if fmt == "markdown" or markdown.looks_like_markdown(text):
        return ReadResult([markdown.read(text, key, str(path))])
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
