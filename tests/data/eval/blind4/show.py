"""Print a sampled document's raw text (the reader's Document.text, which offsets index) with its date.

Run from the repository root: python tests/data/eval/blind4/show.py QANR5L16QG4   (or a vp-... id)
No extraction is run: this reads the document only.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from texts import VP_SOURCE, raw_document  # noqa: E402

AN_SOURCE = "data/corpora/an-qag-l16/json/{}.json"

if __name__ == "__main__":
    doc_id = sys.argv[1]
    source = VP_SOURCE if doc_id.startswith("vp-") else AN_SOURCE.format(doc_id)
    d = raw_document(source, doc_id)
    print(f"# doc {doc_id} {source}\n# date {d.date}\n")
    print(d.text)
