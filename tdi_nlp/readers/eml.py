"""E-mail (.eml) with the standard library: headers as metadata, the body, text attachments as sections."""
from __future__ import annotations

from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from bs4 import BeautifulSoup

from ..document import Document, Section
from .base import ReaderError

HEADERS = {"from": "from", "to": "to", "cc": "cc", "subject": "title", "message-id": "message_id"}
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".csv")


def _text_of(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # unknown charset: decode leniently
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    if part.get_content_type() == "text/html":
        content = BeautifulSoup(content, "html.parser").get_text("\n")
    return "\n".join(line.rstrip() for line in content.replace("\r\n", "\n").split("\n")).strip()


def _date(msg: EmailMessage) -> str | None:
    raw = msg.get("date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(str(raw)).date().isoformat()
    except (TypeError, ValueError):
        return None


def read(data: bytes, key: str, path: str) -> Document:
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except (ValueError, TypeError) as exc:
        raise ReaderError(f"unreadable e-mail: {exc}") from exc
    if not any(msg.get(h) for h in ("from", "to", "subject", "date")):
        raise ReaderError("not an e-mail: no From, To, Subject or Date header")
    meta: dict[str, str | list[str]] = {name: str(msg[h]) for h, name in HEADERS.items() if msg.get(h)}
    body = msg.get_body(preferencelist=("plain", "html"))
    parts: list[tuple[str, str]] = [("Message", _text_of(body) if body is not None else "")]
    skipped = []
    for att in msg.iter_attachments():
        name = att.get_filename() or "(sans nom)"
        if att.get_content_maintype() == "text" or name.lower().endswith(TEXT_SUFFIXES):
            parts.append((f"Pièce jointe : {name}", _text_of(att)))
        else:
            skipped.append(name)
    if skipped:
        meta["attachments_not_read"] = skipped
    text, sections, pos = "", [], 0
    for title, body_text in parts:
        if not body_text:
            continue
        if text:
            text += "\n\n"
        start = len(text)
        text += body_text
        sections.append(Section("body", start, len(text), title))
    if not text.strip():
        raise ReaderError("empty e-mail: no text in the body or text attachments")
    return Document(id=key, text=text, source=path, format="eml", date=_date(msg), metadata=meta,
                    sections=sections)
