"""Word .docx with python-docx: paragraphs and table cells in document order, headings as sections."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..document import Document
from .base import ReaderError
from .blocks import join_blocks


def _blocks(document) -> list[tuple[str, str]]:
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            kind = "heading" if style.lower().startswith(("heading", "titre", "title")) else "text"
            out.append((kind, item.text))
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):  # merged cells repeat
                        cells.append(cell.text.strip())
                out.append(("text", " | ".join(cells)))
    return out


def read(data: bytes, key: str, path: str) -> Document:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReaderError(f"corrupt Word file: {exc}") from exc
    text, sections = join_blocks(_blocks(document))
    props = document.core_properties
    meta = {k: v for k, v in (("title", props.title), ("author", props.author)) if v}
    if props.created:  # when the file was made, not the document's date (that is read from the text)
        meta["file_created"] = props.created.date().isoformat()
    if not text.strip():
        raise ReaderError("empty Word document: no text")
    return Document(id=key, text=text, source=path, format="docx", metadata=meta, sections=sections)
