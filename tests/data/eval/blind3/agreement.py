"""Agreement of a second, independent annotation (A2) with this sample (A1): per-label P/R/F1 of A2 against A1.

F1 is symmetric (A1 against A2 gives the same F1); it is the human ceiling the extractors are measured against.
Run from the repository root: python tests/data/eval/blind3/agreement.py [A2 [A1]] [--show]
(A2: the second worksheet, by default second_annotation.txt; A1: by default worksheet.txt; --show lists the
disagreements.)
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "blind"))
from build import build  # noqa: E402
from draw import REPO  # noqa: E402

sys.path.insert(0, str(REPO))
from tdi_nlp.eval.blind import LABELS, report, score, show_misses  # noqa: E402


def mentions(worksheet: Path) -> dict:
    return {d["doc"]: d["mentions"] for d in build(worksheet)}


if __name__ == "__main__":
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    a2 = mentions(Path(paths[0]) if paths else HERE / "second_annotation.txt")
    a1 = mentions(Path(paths[1]) if len(paths) > 1 else HERE / "worksheet.txt")
    a1 = {k: v for k, v in a1.items() if k in a2}
    report(f"A2 against A1 on {len(a1)} documents", score(a1, a2, LABELS))
    if "--show" in sys.argv:
        from texts import raw_document
        import json
        raws = {}
        for line in (HERE / "sample.jsonl").read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            if e["doc"] in a1:
                raws[e["doc"]] = raw_document(e["source"], e["doc"]).text
        show_misses(a1, a2, raws)
