"""Sub-commands ``classify`` and ``train`` (registered by tdi_nlp.cli)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    c = subparsers.add_parser("classify", help="themes of a question (Territoires d'industrie) or its AN rubrique")
    c.add_argument("text", nargs="?", help="the question text (or use --file)")
    c.add_argument("--file", help="a text file, or a JSON Lines file of {\"id\", \"text\"[, \"minister\"]}")
    c.add_argument("--taxonomy", choices=["tdi", "rubrique"], default="tdi")
    c.add_argument("--minister", help="ministry questioned (a feature of the rubrique model)")
    c.add_argument("--top", type=int, default=3, help="rubrique suggestions to show (default 3)")
    c.add_argument("--json", action="store_true", help='one line {"id", "themes": [...]} per input')
    c.set_defaults(func=run_classify)

    t = subparsers.add_parser("train", help="rebuild the theme models into tdi_nlp/models/ (needs a checkout and "
                                            "../shared)")
    t.add_argument("--taxonomy", choices=["tdi", "rubrique"], help="only this one (default both)")
    t.add_argument("--models-dir", help="output folder (default tdi_nlp/models/ of the checkout)")
    t.set_defaults(func=run_train)


def _inputs(args) -> list[dict]:
    if args.file:
        path = Path(args.file)
        raw = path.read_text(encoding="utf-8")
        if path.suffix in (".jsonl", ".ndjson"):
            items = []
            for n, line in enumerate(raw.splitlines(), 1):
                if line.strip():
                    rec = json.loads(line)
                    items.append({"id": rec.get("id", n), "text": rec.get("text", ""), "minister": rec.get("minister")})
            return items
        return [{"id": path.stem, "text": raw, "minister": None}]
    if args.text is None or args.text == "-":
        return [{"id": "stdin", "text": sys.stdin.read(), "minister": None}]
    return [{"id": "text", "text": args.text, "minister": None}]


def run_classify(args) -> int:
    # heavy (scikit-learn), only for this command: `tdi-nlp` imports every plugin's cli at start-up
    from .classifier import classify
    if args.text is not None and args.file:
        print("tdi-nlp classify: give TEXT or --file, not both", file=sys.stderr)
        return 2
    try:
        items = _inputs(args)
    except (OSError, ValueError) as exc:
        print(f"tdi-nlp classify: cannot read input: {exc}", file=sys.stderr)
        return 2
    for item in items:
        # a missing or incompatible model raises ModelError: tdi_nlp.cli prints it and exits with 3
        themes = classify(item["text"], taxonomy=args.taxonomy, minister=args.minister or item["minister"],
                          top=args.top, embed=True)
        if args.json:
            print(json.dumps({"id": item["id"], "themes": themes}, ensure_ascii=False))
            continue
        if len(items) > 1:
            print(f"# {item['id']}")
        if not themes:
            print("(aucune rubrique assez sûre)" if args.taxonomy == "rubrique" else "(no theme)")
        for t in themes:
            evidence = " ".join(t["evidence"].split())
            evidence = evidence if len(evidence) <= 160 else evidence[:157] + "..."
            print(f"{t['theme']:<16} {t['score']:.2f}  « {evidence} »")
    return 0


def run_train(args) -> int:
    from .train import run  # heavy, only for this command (see run_classify)
    return run(args)
