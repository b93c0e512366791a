"""Terminal views of a KB: ``tdi-nlp stats`` and ``tdi-nlp show``."""
from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .kb import KnowledgeBase

COLORS = {"DATE": "cyan", "DURATION": "cyan", "MONEY": "green", "COUNT": "yellow", "PERCENT": "magenta",
          "TERRITORY": "blue", "PERSON": "red", "ORG": "bright_magenta", "PROGRAMME": "bright_green"}


def _open(path: str) -> KnowledgeBase | None:
    try:
        return KnowledgeBase(path)
    except FileNotFoundError as exc:
        print(f"tdi-nlp: {exc}", file=sys.stderr)
        return None


def print_stats(kb_path: str) -> int:
    kb = _open(kb_path)
    if kb is None:
        return 2
    with kb:
        st = kb.stats()
        console = Console()
        t = Table(title=f"{kb_path}: {st['documents']} documents")
        t.add_column("what")
        t.add_column("count", justify="right")
        for kind, n in st["by_kind"].items():
            t.add_row(f"documents · {kind}", str(n))
        for label, n in st["mentions"].items():
            t.add_row(f"mentions · {label}", str(n))
        for label, n in st["entities"].items():
            t.add_row(f"linked entities · {label}", str(n))
        for theme, n in st["themes"].items():
            t.add_row(f"themes · {theme}", str(n))
        t.add_row("errors", str(st["errors"]))
        console.print(t)
        top = kb.entities()[:15]
        if top:
            e = Table(title="Most mentioned entities")
            for col in ("entity", "label", "name", "mentions", "documents"):
                e.add_column(col)
            for row in top:
                e.add_row(row["id"], row["label"], row["canonical"], str(row["mentions"]), str(row["documents"]))
            console.print(e)
        errors = kb.errors()
        if errors:
            er = Table(title="Errors")
            er.add_column("file")
            er.add_column("stage")
            er.add_column("reason")
            for row in errors:
                er.add_row(row["path"], row["stage"], row["reason"])
            console.print(er)
    return 0


def print_document(kb_path: str, doc_id: str) -> int:
    kb = _open(kb_path)
    if kb is None:
        return 2
    with kb:
        d = kb.document(doc_id)
        if d is None:
            print(f"tdi-nlp show: no document {doc_id!r} in {kb_path}", file=sys.stderr)
            return 2
        mentions = kb.mentions(doc_id=doc_id)
        themes = kb.themes(doc_id)
    console = Console()
    console.rule(f"{d['id']} · {d['kind']} · {d['date'] or 'no date'}")
    console.print(json.dumps(d["metadata"], ensure_ascii=False, indent=1), highlight=False)
    text = Text(d["text"])
    for m in mentions:
        text.stylize(f"bold {COLORS.get(m['label'], 'white')}", m["start"], m["end"])
    console.print(text)
    if mentions:
        t = Table(title="Facts")
        for col in ("label", "text", "section", "page", "value", "entity"):
            t.add_column(col)
        for m in mentions:
            t.add_row(m["label"], m["text"], m["section"] or "", str(m["page"] or ""),
                      json.dumps(m["value"], ensure_ascii=False), m["entity_id"] or "")
        console.print(t)
    for th in themes:
        console.print(f"theme {th['taxonomy']}:{th['theme']} ({th['score']:.2f}) — {th['evidence'] or ''}")
    return 0
