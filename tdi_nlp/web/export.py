"""The draft as Markdown (rendered safely to HTML for the page) and as a Word .docx file."""
from __future__ import annotations

import io
import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|_[^_\s][^_]*_|\[[^\]]+\]\([^)\s]+\))")


def markdown_html(text: str) -> Markup:
    """Markdown -> HTML; raw HTML in the input is escaped, unsafe link schemes are dropped."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    return Markup(md.render(text or ""))


def _runs(paragraph, text: str) -> None:
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif (part[0] in "*_") and part.endswith(part[0]) and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        elif part.startswith("[") and "](" in part:
            label, url = part[1:-1].split("](", 1)
            paragraph.add_run(f"{label} ({url})")
        else:
            paragraph.add_run(part)


def docx_bytes(markdown: str, title: str = "Projet de réponse") -> bytes:
    """A .docx of the Markdown draft: headings, bullet and numbered lists, bold and italics, block quotes."""
    from docx import Document  # may be absent: the page then says the export is unavailable
    doc = Document()
    doc.core_properties.title = title
    para_lines: list[str] = []

    def flush():
        if para_lines:
            _runs(doc.add_paragraph(), " ".join(line.strip() for line in para_lines))
            para_lines.clear()

    for line in (markdown or "").splitlines():
        s = line.strip()
        heading = re.match(r"(#{1,6})\s+(.*)", s)
        bullet = re.match(r"[-*+]\s+(.*)", s)
        number = re.match(r"\d+[.)]\s+(.*)", s)
        if not s:
            flush()
        elif heading:
            flush()
            doc.add_heading(heading.group(2).strip("# "), level=min(len(heading.group(1)), 4))
        elif bullet or number:
            flush()
            _runs(doc.add_paragraph(style="List Bullet" if bullet else "List Number"), (bullet or number).group(1))
        elif s.startswith(">"):
            flush()
            _runs(doc.add_paragraph(style="Quote"), s.lstrip("> "))
        else:
            para_lines.append(s)
    flush()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
