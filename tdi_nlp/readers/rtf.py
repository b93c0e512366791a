"""RTF with striprtf: control words removed, paragraphs kept."""
from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from ..document import Document
from .base import ReaderError


def read(data: bytes, key: str, path: str) -> Document:
    raw = data.decode("latin-1")  # RTF is 7-bit ASCII with \'xx escapes; striprtf decodes them
    if not raw.lstrip().startswith("{\\rtf"):
        raise ReaderError("not an RTF file: it does not start with {\\rtf")
    try:
        text = rtf_to_text(raw, errors="replace")
    except (ValueError, IndexError, LookupError) as exc:
        raise ReaderError(f"corrupt RTF file: {exc}") from exc
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ReaderError("empty RTF file: no text")
    return Document(id=key, text=text, source=path, format="rtf")
