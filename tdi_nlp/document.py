"""The Document that every reader returns and every later step consumes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("written_question", "government_question", "oral_question", "minutes", "press_release", "web_page", "other")


@dataclass
class Section:
    """A span of the document text: kind is question, answer, heading, body, metadata..."""
    kind: str
    start: int
    end: int
    title: str | None = None


@dataclass
class Page:
    number: int  # 1-based
    start: int
    end: int


@dataclass
class Document:
    id: str
    text: str
    source: str  # path of the file it came from (as given)
    format: str  # pdf, text, markdown, html, jsonl, an_json
    kind: str = "other"
    date: str | None = None  # ISO date of the document: reference for relative dates
    metadata: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing offset."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
                best = s
        return best

    def page_at(self, offset: int) -> int | None:
        for p in self.pages:
            if p.start <= offset < p.end:
                return p.number
        return None
