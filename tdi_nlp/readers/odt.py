"""OpenDocument text (.odt) with odfpy: headings and paragraphs in document order."""
from __future__ import annotations

import io
import zipfile
from xml.parsers.expat import ExpatError

from odf import teletype
from odf.opendocument import load
from odf.namespaces import TEXTNS

from ..document import Document
from .base import ReaderError
from .blocks import join_blocks

_BLOCK = {(TEXTNS, "h"): "heading", (TEXTNS, "p"): "text"}


def _walk(node, out: list[tuple[str, str]]) -> None:
    for child in node.childNodes:
        kind = _BLOCK.get(getattr(child, "qname", ("", "")))
        if kind:
            out.append((kind, teletype.extractText(child)))
        else:
            _walk(child, out)


def read(data: bytes, key: str, path: str) -> Document:
    try:
        doc = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ExpatError, ValueError) as exc:
        raise ReaderError(f"corrupt OpenDocument file: {exc}") from exc
    blocks: list[tuple[str, str]] = []
    _walk(doc.text, blocks)
    text, sections = join_blocks(blocks)
    if not text.strip():
        raise ReaderError("empty OpenDocument file: no text")
    meta = {}
    for el in doc.meta.childNodes:
        if getattr(el, "qname", (None, None))[1] in ("title", "creator"):
            value = teletype.extractText(el).strip()
            if value:
                meta["title" if el.qname[1] == "title" else "author"] = value
    return Document(id=key, text=text, source=path, format="odt", metadata=meta, sections=sections)
