"""``tdi-nlp serve --kb FILE [--host 127.0.0.1] [--port 8000]``: the local web page."""
from __future__ import annotations

import sys
from pathlib import Path

from werkzeug.serving import run_simple

from .app import create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="local web page: search, documents, entities, draft answers")
    p.add_argument("--kb", required=True, help="SQLite knowledge base file (built by `tdi-nlp extract`)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-upload-mb", type=float, default=None, help="largest accepted upload (default 2 MB)")
    p.set_defaults(func=_cmd_serve)


def _cmd_serve(args) -> int:
    if not Path(args.kb).is_file():
        print(f"tdi-nlp serve: no knowledge base at {args.kb}: run `tdi-nlp extract FOLDER --kb {args.kb}` first",
              file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"tdi-nlp serve: invalid port {args.port}", file=sys.stderr)
        return 2
    options = {"host": args.host}
    if args.max_upload_mb:
        options["max_upload_mb"] = args.max_upload_mb
    app = create_app(args.kb, **options)
    if args.host not in LOOPBACK:
        print(f"tdi-nlp serve: warning: bound to {args.host}, the page is reachable from other machines "
              "(no authentication)", file=sys.stderr)
    print(f"tdi-nlp: http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/ "
          "(Ctrl+C to stop)", file=sys.stderr)
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)
    return 0
