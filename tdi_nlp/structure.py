"""Structure read from the text itself: section kinds, document kind, metadata and date.

Runs on a normalized Document (after tdi_nlp.normalize) and completes what the reader could not know:
"Texte de la question" / "Texte de la réponse" sections, the key facts of an AN question page, the place-and-date
line of a press release. Cues are data, in ``resources/structure.toml``.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .document import Document, Section
from .text_utils import month_number

RULES_FILE = Path(__file__).parent / "resources" / "structure.toml"
_FR_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})\b", re.I)
_PAGE = re.compile(r"page\s+(\d+)", re.I)


@lru_cache(maxsize=1)
def rules() -> dict:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    data["section_res"] = {k: [re.compile(p, re.I) for p in v] for k, v in data["sections"].items()}
    data["kind_res"] = [(k["kind"], re.compile(k["pattern"])) for k in data["kinds"]]
    data["place_date_re"] = re.compile(data["place_date"]["pattern"])
    return data


def french_date(text: str) -> str | None:
    """ISO date of the first "24 septembre 2019" in text."""
    m = _FR_DATE.search(text or "")
    month = month_number(m.group(2)) if m else None
    if m is None or month is None:
        return None
    return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(1)):02d}"


def section_kind(title: str) -> str | None:
    t = " ".join(title.strip().lower().split())
    for kind, pats in rules()["section_res"].items():
        if any(p.search(t) for p in pats):
            return kind
    return None


def _line_sections(text: str) -> list[Section]:
    """Sections started by title lines ("Texte de la question") in a plain text."""
    starts = []
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]{0,60}?)[ \t]*$", text):
        kind = section_kind(m.group(1))
        if kind:
            starts.append((m.start(1), kind, m.group(1)))
    return [Section(kind, s, starts[i + 1][0] if i + 1 < len(starts) else len(text).__int__(), title)
            for i, (s, kind, title) in enumerate(starts)]


def _key_metadata(doc: Document) -> None:
    keys = rules()["metadata_keys"]
    for raw_key in list(doc.metadata):
        name = keys.get(raw_key.strip().lower())
        if not name:
            continue
        value = str(doc.metadata.pop(raw_key))
        if name in ("question_jo", "answer_jo"):
            prefix = name.split("_")[0]
            if d := french_date(value):
                doc.metadata[f"{prefix}_jo_date"] = d
            if p := _PAGE.search(value):
                doc.metadata[f"{prefix}_jo_page"] = p.group(1)
        elif name == "constituency":
            parts = value.split(" - ", 1)
            doc.metadata["constituency"] = parts[0].strip()
            if len(parts) > 1:
                doc.metadata["author_group_name"] = parts[1].strip()
        else:
            doc.metadata[name] = value


def analyze(doc: Document) -> Document:
    """Complete sections, kind, metadata and date of a normalized document (in place)."""
    if doc.format != "an_json":
        for s in doc.sections:
            if s.kind == "body" and s.title and (kind := section_kind(s.title)):
                s.kind = kind
        if not any(s.kind in ("question", "answer") for s in doc.sections):
            doc.sections.extend(_line_sections(doc.text))
        _key_metadata(doc)
        if doc.kind == "other":
            for kind, pattern in rules()["kind_res"]:
                if pattern.search(doc.text):
                    doc.kind = kind
                    break
        if m := re.search(r"question écrite n°\s*(\d+)", doc.text, re.I):
            doc.metadata.setdefault("number", m.group(1))
            doc.metadata.setdefault("type", "QE")
        if m := re.search(r"(\d{1,2})(?:e|ème)\s+législature", doc.text):
            doc.metadata.setdefault("legislature", m.group(1))
        if m := rules()["place_date_re"].search(doc.text[:400]):
            doc.metadata.setdefault("place", m.group("place").strip())
            doc.metadata.setdefault("published", french_date(m.group(0)))
    if not doc.date and doc.kind in ("minutes", "press_release"):
        doc.metadata.setdefault("date", french_date(doc.text[:400]))
    if not doc.date:
        md = doc.metadata
        doc.date = (md.get("answer_jo_date") or md.get("published") or md.get("question_jo_date")
                    or md.get("date"))
    return doc
