"""Plain text: UTF-8, else the encoding charset-normalizer finds (cp1252, latin-1...)."""
from __future__ import annotations

from charset_normalizer import from_bytes

from ..document import Document
from .base import ReaderError


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReaderError(f"undecodable text: bad UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]).best()
    if best is None:
        raise ReaderError("undecodable text: not UTF-8 and no Western encoding fits")
    return str(best)


def read(text: str, key: str, path: str) -> Document:
    return Document(id=key, text=text, source=path, format="text")
