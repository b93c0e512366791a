"""Paragraph blocks (heading or text) joined into a Document's text, headings as section boundaries."""
from __future__ import annotations

from ..document import Section


def join_blocks(blocks: list[tuple[str, str]]) -> tuple[str, list[Section]]:
    """Text of (kind, text) blocks separated by blank lines; each heading opens a body section titled by it."""
    parts: list[str] = []
    sections: list[Section] = []
    pos, current = 0, None
    for kind, s in blocks:
        s = " ".join(s.split())
        if not s:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        if kind == "heading":
            if current:
                sections.append(Section("body", current[1], pos - 2, current[0]))
            current = (s, pos)
        parts.append(s)
        pos += len(s)
    if current:
        sections.append(Section("body", current[1], pos, current[0]))
    return "".join(parts), sections
