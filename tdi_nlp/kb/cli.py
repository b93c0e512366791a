"""``tdi-nlp search QUERY --kb FILE [filters] [--sort relevance|date] [--limit N] [--page P] [--json]``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .queries import KnowledgeBase

FILTERS = ("kind", "territory", "person", "theme", "rubrique", "date_from", "date_to")


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="ranked full-text search of the knowledge base (French-aware)")
    p.add_argument("query", help='words (optional, ranked), "quoted phrases", -excluded words')
    p.add_argument("--kb", required=True, help="SQLite knowledge base file")
    for f in FILTERS:
        p.add_argument("--" + f.replace("_", "-"), dest=f, help=f"filter on {f.replace('_', ' ')}")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--limit", type=int, default=20, help="results a page (default 20)")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--json", action="store_true", help="print {total, results} as JSON")
    p.set_defaults(func=_cmd_search)


def _cmd_search(args) -> int:
    if not Path(args.kb).is_file():
        print(f"tdi-nlp search: no knowledge base at {args.kb}", file=sys.stderr)
        return 2
    filters = {f: getattr(args, f) for f in FILTERS if getattr(args, f)}
    limit, page = max(1, args.limit), max(1, args.page)
    with KnowledgeBase(args.kb) as kb:
        found = kb.search_page(args.query, limit=limit, offset=(page - 1) * limit, sort=args.sort, **filters)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    print(f"{found['total']} résultat{'s' if found['total'] != 1 else ''}")
    for n, r in enumerate(found["results"], (page - 1) * limit + 1):
        print(f"{n}. {r['id']} · {r['kind']} · {r['date'] or '-'} · {r['score']:.2f}  {r['title'] or ''}".rstrip())
        if r["snippet"]:
            print(f"   {r['snippet']}")
    return 0
