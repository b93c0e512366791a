"""Types and checks shared by the readers: ReaderError, ReadResult, source keys, size and binary checks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
