"""Markdown: markup stripped with markdown-it-py, headings kept as section boundaries,
"**Key :** value" lines kept as metadata."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..document import Document, Section

_MD = MarkdownIt("commonmark").enable("table")
_KEY_VALUE = re.compile(r"^\s*(?P<key>[^:\n]{2,60}?)\s*:\s*(?P<value>.*)$", re.S)
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")
_HTML_TAG = re.compile(r"</?(sup|sub|br|b|i|em|strong|span|u)\b[^>]*>", re.I)


def looks_like_markdown(text: str) -> bool:
    """Markdown written in a .txt file: ATX headings or bold key/value lines."""
    return bool(re.search(r"(?m)^#{1,6} \S", text) or re.search(r"(?m)^\*\*[^*\n]+:\s*\*\*", text)
                or len(re.findall(r"\*\*[^*]{1,200}?\*\*", text)) >= 2)


def _inline_text(token) -> tuple[str, bool]:
    """Text of an inline token and whether it starts with a bold run."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    parts, starts_bold = [], bool(children) and children[0].type == "strong_open"
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
    text = _SUPERSCRIPT.sub(r"\1", "".join(parts))
    return _HTML_TAG.sub("", text), starts_bold


def read(text: str, key: str, path: str) -> Document:
    tokens = _MD.parse(text)
    out: list[str] = []
    pos = 0
    sections: list[Section] = []
    metadata: dict[str, str] = {}
    open_heading: tuple[str, int] | None = None  # title, start of its section
    i = 0

    def emit(s: str, sep: str = "\n\n") -> tuple[int, int]:
        nonlocal pos
        if out:
            out.append(sep)
            pos += len(sep)
        start = pos
        out.append(s)
        pos += len(s)
        return start, pos

    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            title, _ = _inline_text(tokens[i + 1])
            title = title.strip().rstrip(":").strip()
            if open_heading:
                sections.append(Section("body", open_heading[1], pos, open_heading[0]))
            start, _ = emit(title)
            open_heading = (title, start)
            i += 3
            continue
        if tok.type == "inline":
            body, starts_bold = _inline_text(tok)
            m = _KEY_VALUE.match(body) if starts_bold else None
            if m and len(m.group("value")) < 300 and "\n" not in m.group("key"):
                metadata[m.group("key").strip()] = m.group("value").strip()
            if body.strip():
                list_item = i >= 2 and tokens[i - 2].type == "list_item_open"
                emit(("- " if list_item else "") + body.strip(), "\n" if list_item and out and out[-1] != "" else "\n\n")
        elif tok.type in ("html_block",) and tok.content.strip():
            pass  # raw HTML blocks carry layout only
        i += 1
    if open_heading:
        sections.append(Section("body", open_heading[1], pos, open_heading[0]))
    return Document(id=key, text="".join(out), source=path, format="markdown", metadata=metadata, sections=sections)
