"""Types shared by every reader."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document


class ReaderError(Exception):
    """A file that cannot be read; the message says why, in one line."""


@dataclass
class ReadResult:
    documents: list[Document]
    # Problems inside a multi-document file that did not stop the others: (key, reason).
    problems: list[tuple[str, str]] = field(default_factory=list)
