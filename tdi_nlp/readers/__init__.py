"""Readers: a path becomes Documents. One module per format; they know nothing of the knowledge base.

``read_path(path, root)`` checks the file (regular file, size before reading, emptiness, binary content), picks the
reader by extension (and by content for .txt files written in Markdown or JSON files from the Assemblée nationale)
and returns a ReadResult.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import settings
from . import an_json, an_zip, csv, docx, eml, html, jsonl, markdown, odt, pdf, rtf
from . import text as plain
from .base import ReaderError, ReadResult, check_bytes, display_path, looks_binary, sanitize, source_key
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

__all__ = ["EXTENSIONS", "FieldMap", "Listing", "ReadResult", "ReaderError", "check_bytes", "display_path",
           "iter_files", "list_files", "looks_binary", "read_file", "read_path", "sanitize", "source_key"]


def read_file(path: Path | str, max_mb: float | None = None) -> bytes:
    """The bytes of a regular file, its size checked before anything is read; ReaderError otherwise."""
    path = Path(path)
    limit = max_mb if max_mb is not None else settings.max_file_mb
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise ReaderError("not a regular file (a pipe, device or socket)")
        if info.st_size > limit * 1024 * 1024:
            raise ReaderError(f"file too large: {info.st_size / 1024 / 1024:.1f} MB over the {limit:g} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot open file: {exc.strerror or exc}") from exc
    check_bytes(data, limit)
    return data


def read_path(path: Path | str, root: Path | None = None, max_mb: float | None = None,
              fields: FieldMap | None = None, data: bytes | None = None, key: str | None = None,
              source: str | None = None) -> ReadResult:
    """Read one file (or its bytes already read) into Documents, or raise ReaderError. key: the id of a document
    whose format gives none (default: the path relative to root); source: the path recorded (default: as given)."""
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ReaderError(f"unknown extension {path.suffix or '(none)'!r}: expected one of {', '.join(sorted(EXTENSIONS))}")
    limit = max_mb if max_mb is not None else settings.max_file_mb
    if data is None:
        data = read_file(path, limit)
    result = _read(fmt, data, source or display_path(path), key or source_key(path, root), limit, fields)
    result.documents = [sanitize(d) for d in result.documents]
    return result


def _read(fmt: str, data: bytes, where: str, key: str, limit: float, fields: FieldMap | None) -> ReadResult:
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


@dataclass
class Listing:
    """What a walk over the paths given found: (file, root) pairs, each file once, and the problems met."""
    files: list[tuple[Path, Path]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), each path once

    def problem(self, path: str, reason: str) -> None:
        if all(p != path for p, _ in self.problems):
            self.problems.append((path, reason))


def list_files(paths: Sequence[str | Path], follow_symlinks: bool = False) -> Listing:
    """Every file under the paths given, sorted, hidden ones skipped, each real file once (a symlink to a file
    already listed, or a file named twice, is read once). A symlink leading out of its folder is followed only when
    asked; an unreadable sub-folder is a problem, not a silent skip."""
    out, seen = Listing(), set()

    def add(f: Path, root: Path) -> None:
        try:
            real = f.resolve()
        except OSError as exc:
            out.problem(display_path(f), f"cannot resolve path: {exc.strerror or exc}")
            return
        if real in seen:
            return
        if f.is_symlink() and not follow_symlinks and not real.is_relative_to(root.resolve()):
            out.problem(display_path(f), "symlink leading out of the folder given: not followed "
                                        "(use --follow-symlinks)")
            return
        seen.add(real)
        out.files.append((f, root))

    for p in map(Path, paths):
        if not p.is_dir():
            add(p, p.parent)
            continue
        found: list[Path] = []

        def onerror(exc: OSError) -> None:
            out.problem(display_path(Path(exc.filename or p)), f"cannot list folder: {exc.strerror or exc}")

        for folder, dirs, names in os.walk(p, onerror=onerror, followlinks=follow_symlinks):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / n for n in names if not n.startswith("."))
        for f in sorted(found):
            if f.is_file():
                add(f, p)
            elif f.exists() and not f.is_dir():
                out.problem(display_path(f), "not a regular file (a pipe, device or socket)")
    return out


def iter_files(paths: Sequence[str | Path]):
    """(file, root) for every file under the paths given (see list_files)."""
    yield from list_files(paths).files
