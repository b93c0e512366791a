"""Types and checks shared by the readers: ReaderError, ReadResult, source keys, size and binary checks."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document


class ReaderError(Exception):
    """A file that cannot be read; the message says why, in one line."""


@dataclass
class ReadResult:
    documents: list[Document]
    # Problems inside a multi-document file that did not stop the others: (key, reason).
    problems: list[tuple[str, str]] = field(default_factory=list)


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


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_str(s: str) -> str:
    """s with lone surrogates (undecodable bytes of a file name, "\\ud800" in JSON) replaced by U+FFFD: one code point
    for one, so offsets do not move; SQLite and UTF-8 output cannot hold them."""
    return _SURROGATES.sub("\ufffd", s) if _SURROGATES.search(s) else s


def display_path(path: Path | str) -> str:
    """A path as text that can be stored and printed (a file name that is not valid UTF-8 included)."""
    return clean_str(os.fspath(path))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {clean_str(str(k)): _clean(v) for k, v in value.items()}
    return value


def sanitize(doc: Document) -> Document:
    """The Document with every string storable: lone surrogates replaced, id and date as strings."""
    doc.id = clean_str(str(doc.id))
    doc.text = clean_str(doc.text)
    doc.source = clean_str(doc.source)
    doc.date = doc.date if isinstance(doc.date, str) else None
    doc.metadata = _clean(doc.metadata)
    for s in doc.sections:
        s.title = clean_str(s.title) if isinstance(s.title, str) else None
    return doc
