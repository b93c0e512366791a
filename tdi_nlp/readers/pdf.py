"""PDF via pdfplumber: page texts in reading order, page numbers kept, running headers, footers and page
numbers dropped."""
from __future__ import annotations

import io
import re
from collections import Counter

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from ..config import settings
from ..document import Document, Page
from .base import ReaderError

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4}|sur\s+\d{1,4})?\s*[-–]?\s*$", re.I)
_DIGITS = re.compile(r"\d+")
EDGE_LINES = 2  # lines at the top and bottom of a page that may be running headers or footers
PARAGRAPH_GAP = 1.4  # a vertical gap this many times the page's usual line gap starts a paragraph


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


def _strip_running(pages: list[list[tuple[str, bool]]]) -> list[list[tuple[str, bool]]]:
    """Drop page-number lines and lines repeated at the same edge on at least half of the pages."""
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = {_shape(t) for t, _ in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if t.strip()}
            counts.update(edge)
        running = {s for s, c in counts.items() if c >= max(2, len(pages) / 2)}
    else:
        running = set()
    out = []
    for lines in pages:
        keep: list[tuple[str, bool]] = []
        for i, (line, new_par) in enumerate(lines):
            at_edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
            if at_edge and (_PAGE_NUMBER.match(line) or _shape(line) in running):
                continue
            keep.append((line, new_par and bool(keep)))
        out.append(keep)
    return out


def _page_lines(page) -> list[tuple[str, bool]]:
    """Lines of a page in reading order, each with whether a paragraph break precedes it (a larger gap)."""
    lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:])]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    out = []
    for i, ln in enumerate(lines):
        height = max(ln["bottom"] - ln["top"], 1.0)
        gap = gaps[i - 1] if i else 0.0
        out.append((ln["text"], i > 0 and gap > max(usual * PARAGRAPH_GAP, 0.3 * height)))
    return out


def _join(lines: list[tuple[str, bool]]) -> str:
    """Soft-wrapped lines joined with a space, paragraphs with a blank line; a final hyphen keeps its newline."""
    parts: list[str] = []
    for i, (text, new_par) in enumerate(lines):
        if i:
            prev = parts[-1]
            parts.append("\n\n" if new_par else ("\n" if prev.endswith("-") else " "))
        parts.append(text)
    return "".join(parts)


def read(data: bytes, key: str, path: str) -> Document:
    if not data.lstrip().startswith(b"%PDF"):
        raise ReaderError("corrupt PDF: no %PDF header")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > settings.max_pdf_pages:
                raise ReaderError(f"PDF too long: {len(pdf.pages)} pages over the {settings.max_pdf_pages} limit")
            raw_pages = [_page_lines(page) for page in pdf.pages]
            info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str) and v.strip()}
    except ReaderError:
        raise
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types on damaged files
        raise ReaderError(f"corrupt or truncated PDF: {type(exc).__name__}: {str(exc)[:120]}") from exc
    texts = [_join(lines).strip() for lines in _strip_running(raw_pages)]
    if not any(texts):
        raise ReaderError("PDF has no extractable text (scanned images without OCR?)")
    parts: list[str] = []
    pages: list[Page] = []
    pos = 0
    for number, text in enumerate(texts, 1):
        if parts:  # one newline: a sentence running across pages is rejoined by the normalizer
            parts.append("\n")
            pos += 1
        pages.append(Page(number, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    metadata: dict[str, str | int] = {"pdf_" + k.lower(): v for k, v in info.items() if k in ("Title", "Author", "Subject", "CreationDate")}
    metadata["page_count"] = len(texts)
    return Document(id=key, text="".join(parts), source=path, format="pdf", metadata=metadata, pages=pages)
