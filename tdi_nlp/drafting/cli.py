"""``tdi-nlp draft [TEXT | --file F] --kb FILE [--json]``: draft answers from past responses.

F is a text file (one question) or a JSON Lines file of {"id", "text"} (one draft per line). --json prints one
line {"id", "text", "sources", "stale_figures", "passages"} per question; otherwise the Markdown drafts.
Exit status 2 for a missing KB, a missing file or an empty question.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..kb import KnowledgeBase
from . import EmptyQuestion, draft


def register(sub) -> None:
    p = sub.add_parser("draft", help="draft an answer to a question from the past answers in the KB")
    p.add_argument("text", nargs="?", help="the question (or use --file)")
    p.add_argument("--file", help="a text file holding the question, a .jsonl file of {\"id\", \"text\"}, or - (stdin)")
    p.add_argument("--kb", required=True, help="SQLite knowledge base file")
    p.add_argument("--json", action="store_true", help="one JSON object per question on stdout")
    p.add_argument("--k", type=int, default=5, help="sources to retrieve (default 5)")
    p.add_argument("--ministry", help="ministry the question is addressed to (boosts its past answers)")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"tdi-nlp draft: {message}", file=sys.stderr)
    return 2


def read_questions(args) -> list[tuple[str, str]]:
    """[(id, text)] from the arguments; raises ValueError with a readable message."""
    if args.file and args.text:
        raise ValueError("give the question as TEXT or with --file, not both")
    if not args.file:
        return [("q1", args.text or "")]
    path = Path(args.file)
    if args.file == "-":  # standard input: JSON Lines when every line is an object, else one question
        raw = sys.stdin.read()
        if not all(line.lstrip().startswith("{") for line in raw.splitlines() if line.strip()) or not raw.strip():
            return [("q1", raw)]
    elif not path.is_file():
        raise ValueError(f"no such file: {path}")
    else:
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() != ".jsonl":
            return [(path.stem, raw)]
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValueError(f"{path}:{n}: expected an object with a \"text\" string")
        out.append((str(obj.get("id", f"q{n}")), obj["text"]))
    if not out:
        raise ValueError(f"{path}: no question in the file")
    return out


def run(args) -> int:
    if args.k < 1:
        return _fail("--k must be at least 1")
    try:
        questions = read_questions(args)
    except ValueError as exc:
        return _fail(str(exc))
    if not Path(args.kb).exists():
        return _fail(f"no knowledge base at {args.kb}: run `tdi-nlp extract FOLDER --kb {args.kb}` first")
    empty = [qid for qid, text in questions if not text.strip()]
    if empty and len(questions) == 1:
        return _fail("empty question: give the text of the question to answer (TEXT or --file)")
    status = 0
    with KnowledgeBase(args.kb) as kb:
        for qid, text in questions:
            try:
                d = draft(text, kb, k=args.k, ministry=args.ministry)
            except EmptyQuestion as exc:
                print(f"tdi-nlp draft: {qid}: {exc}", file=sys.stderr)
                status = 2
                if args.json:
                    print(json.dumps({"id": qid, "error": str(exc)}, ensure_ascii=False))
                continue
            if args.json:
                print(json.dumps({"id": qid, **d.as_dict()}, ensure_ascii=False), flush=True)
            else:
                if len(questions) > 1:
                    print(f"<!-- {qid} -->")
                print(d.text)
    return status
