"""The draft as Markdown (rendered safely to HTML for the page) and as a Word .docx file fit to send.

``draft_markdown(draft, header)`` and ``draft_docx(draft, header)`` give the same content: the question (number,
author, date when known) at the top, the draft, the sources as a list (citations with the AN uid or file name, no
internal score); ``export_filename(header, ext)`` names the file from the question number or date. The .docx page is
A4 with 2.5 cm margins.
"""
from __future__ import annotations

import io
import re

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..drafting.compose import french_date

# "_x_" is italics only outside a word: a file name such as 002_press_release.pdf stays as it is
_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|(?<!\w)_[^_\s][^_]*_(?!\w)|\[[^\]]+\]\([^)\s]+\))")


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


A4 = (21.0, 29.7)  # cm
MARGIN_CM = 2.5
SOURCES_HEADING = "### Sources"


def _a4(doc) -> None:
    from docx.shared import Cm
    for section in doc.sections:
        section.page_width, section.page_height = Cm(A4[0]), Cm(A4[1])
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)


def header_lines(header: dict | None) -> list[str]:
    """The question header in French: "Question n° 17519", "de M. X", "du 16 avril 2019" (what is known)."""
    h = header or {}
    title = "Question" + (f" n° {h['number']}" if h.get("number") else "")
    if h.get("author"):
        title += f" de {h['author']}"
    if h.get("date"):
        title += f" du {french_date(h['date'])}"
    return [title]


def draft_markdown(text: str, header: dict | None = None, question: str | None = None) -> str:
    """The Markdown export: question header, the question text (quoted), then the draft with its sources."""
    lines = [f"# {header_lines(header)[0]}", ""]
    if question:
        lines += ["> " + " ".join(question.split()), ""]
    return "\n".join(lines) + strip_scores(text or "")


_SCORE = re.compile(r"\s+—\s+score\s+[\d.]+\s*$")


def strip_scores(markdown: str) -> str:
    """The draft without internal scores (older drafts ended each source with "— score 0.912")."""
    return "\n".join(_SCORE.sub("", line) for line in markdown.splitlines()) + "\n"


def export_filename(header: dict | None, ext: str) -> str:
    """"reponse-question-17519.docx", else "reponse-question-2019-04-16.docx", else "projet-de-reponse.docx"."""
    h = header or {}
    number = re.sub(r"[^0-9A-Za-z-]", "", str(h.get("number") or ""))
    date = h.get("date") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(h.get("date") or "")) else None
    stem = f"reponse-question-{number}" if number else f"reponse-question-{date}" if date else "projet-de-reponse"
    return f"{stem}.{ext}"


def draft_docx(text: str, header: dict | None = None, question: str | None = None) -> bytes:
    """The .docx export: A4, the question header, the question, the draft, the sources as a numbered list."""
    return docx_bytes(strip_scores(text), title=header_lines(header)[0], question=question, header=header)


def docx_bytes(markdown: str, title: str = "Projet de réponse", question: str | None = None,
               header: dict | None = None) -> bytes:
    """A .docx of the Markdown draft on A4 pages: headings, bullet and numbered lists, bold and italics, block
    quotes; with a header (the question's number, author, date) and the question when given."""
    from docx import Document  # may be absent: the page then says the export is unavailable
    doc = Document()
    doc.core_properties.title = title
    _a4(doc)
    if header is not None or question:
        doc.add_heading(header_lines(header)[0], level=1)
        if question:
            doc.add_paragraph(" ".join(question.split()), style="Quote")
    markdown = strip_scores(markdown or "")
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
        item = bullet or number
        if not s:
            flush()
        elif heading:
            flush()
            doc.add_heading(heading.group(2).strip("# "), level=min(len(heading.group(1)), 4))
        elif item:
            flush()
            _runs(doc.add_paragraph(style="List Bullet" if bullet else "List Number"), item.group(1))
        elif s.startswith(">"):
            flush()
            _runs(doc.add_paragraph(style="Quote"), s.lstrip("> "))
        else:
            para_lines.append(s)
    flush()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
