"""``tdi-nlp serve``: the web page, served by waitress.

    tdi-nlp serve --kb FILE [--host 127.0.0.1] [--port 8000] [--users FILE | --token-file FILE] [--read-only]
    tdi-nlp serve --add-user NAME --users FILE      # password read from stdin (asked twice on a terminal)

A host other than loopback needs --users or --token-file.
"""
from __future__ import annotations

import getpass
import ipaddress
import sys
import threading
from pathlib import Path

from waitress import serve

from .analysis import warm_up
from .app import create_app
from .auth import add_user, read_token, read_users

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="web page: search, documents, entities, draft answers")
    p.add_argument("--kb", help="SQLite knowledge base file (built by `tdi-nlp extract`)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-upload-mb", type=float, default=None, help="largest accepted upload (default 2 MB)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--users", help="users file (`name:hash` lines, see --add-user): log in with name and password")
    who.add_argument("--token-file", help="file holding one shared access token (login form or Bearer header)")
    p.add_argument("--read-only", action="store_true",
                   help="open the KB read-only (automatic when the file or its folder is not writable)")
    p.add_argument("--threads", type=int, default=6, help="request threads (default 6)")
    p.add_argument("--add-user", metavar="NAME", help="add or replace a user in --users FILE, then exit")
    p.set_defaults(func=_cmd_serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _fail(message: str) -> int:
    print(f"tdi-nlp serve: {message}", file=sys.stderr)
    return 2


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Mot de passe (encore) : ") != first:
        raise ValueError("the two passwords differ")
    return first


def _cmd_add_user(args) -> int:
    if not args.users:
        return _fail("--add-user needs --users FILE")
    try:
        add_user(args.users, args.add_user, _read_password())
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    print(f"tdi-nlp serve: user {args.add_user} written to {args.users}", file=sys.stderr)
    return 0


def _cmd_serve(args) -> int:
    if args.add_user:
        return _cmd_add_user(args)
    if not args.kb:
        return _fail("--kb FILE is required")
    if not Path(args.kb).is_file():
        return _fail(f"no knowledge base at {args.kb}: run `tdi-nlp extract FOLDER --kb {args.kb}` first")
    if not 0 < args.port < 65536:
        return _fail(f"invalid port {args.port}")
    if not (args.users or args.token_file or is_loopback(args.host)):
        return _fail(f"refusing to serve on {args.host} without authentication: give --users FILE (create it with "
                     "`tdi-nlp serve --add-user NAME --users FILE`) or --token-file FILE, or bind to 127.0.0.1")
    options = {"host": args.host, "read_only": args.read_only}
    if args.max_upload_mb:
        options["max_upload_mb"] = args.max_upload_mb
    try:
        if args.users:
            options["users"] = read_users(args.users)
        elif args.token_file:
            options["token"] = read_token(args.token_file)
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    app = create_app(args.kb, **options)
    threading.Thread(target=warm_up, name="tdi-nlp-warm-up", daemon=True).start()
    where = "[" + args.host + "]" if ":" in args.host else args.host
    print(f"tdi-nlp: http://{where}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    serve(app, host=args.host, port=args.port, threads=max(1, args.threads), ident="tdi-nlp")
    return 0
