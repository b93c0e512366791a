"""Command line: ``tdi-nlp extract|stats|show|bench|eval|...``.

Exit status: 0 success, 1 when some documents failed (the others stored), 2 on usage errors, 3 when a trained
model is missing or incompatible with the installed scikit-learn, 4 when data of a source checkout (eval, train) or
of ../shared is missing.
Feature modules add their own sub-commands through a ``register(subparsers)`` function (see PLUGINS).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .config import CheckoutMissing
from .errors import ModelError

# Modules that add sub-commands of their own; a missing one is simply skipped.
PLUGINS = ("tdi_nlp.themes.cli", "tdi_nlp.drafting.cli", "tdi_nlp.web.cli", "tdi_nlp.kb.cli")

EXIT_MODEL = 3     # a trained model is missing or incompatible
EXIT_DATA = 4      # checkout data (eval, train) or ../shared is missing


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit with 2 and one clear line
        self.print_usage(sys.stderr)
        print(f"tdi-nlp: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _cmd_extract(args) -> int:
    from .extraction import run_cli
    return run_cli(args)


def _cmd_stats(args) -> int:
    from .report import print_stats
    return print_stats(args.kb)


def _cmd_show(args) -> int:
    from .report import print_document
    return print_document(args.kb, args.doc)


def _cmd_bench(args) -> int:
    if args.complexity:
        from .bench_complexity import run_complexity
        return run_complexity()
    if args.scale:
        from .bench_scale import run_scale
        return run_scale(args.sizes)
    from .bench import run_cli
    return run_cli(args)


def _cmd_eval(args) -> int:
    from .eval import suites
    found = suites()
    if args.suite not in found:
        print(f"tdi-nlp eval: unknown suite {args.suite!r}; available: {', '.join(sorted(found))}", file=sys.stderr)
        return 2
    return found[args.suite].run(args) or 0


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the eval suites are registered only when argv is None or names `eval`."""
    p = _Parser(prog="tdi-nlp", description="Mine French parliamentary documents into a knowledge base.")
    p.add_argument("--version", action="version", version=f"tdi-nlp {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    e = sub.add_parser("extract", help="extract a folder or files into the knowledge base")
    e.add_argument("paths", nargs="+", help="files or folders")
    e.add_argument("--kb", required=True, help="SQLite knowledge base file (created if absent)")
    e.add_argument("--jsonl", help="also write one JSON object per document to FILE, or - for stdout")
    e.add_argument("--workers", type=int, default=1,
                   help="worker processes on this machine (default 1: this process; N > 1 is --dask local:N)")
    e.add_argument("--dask", metavar="ADDRESS",
                   help="run on a Dask cluster: local, local:N (N worker processes here) or a scheduler address "
                        "such as tcp://host:8786")
    e.add_argument("--text-field", default="text", help="JSON Lines / CSV field holding the text (default text)")
    e.add_argument("--id-field", default="id", help="JSON Lines / CSV field holding the document id (default id)")
    e.add_argument("--date-field", default="date",
                   help="JSON Lines / CSV field holding the ISO date or datetime (default date)")
    e.add_argument("--prune", action="store_true",
                   help="remove from the KB the documents of files under the folders given that no longer exist")
    e.add_argument("--follow-symlinks", action="store_true", help="follow symlinks leading out of the folders given")
    e.add_argument("--force", action="store_true", help="re-extract unchanged files")
    e.add_argument("--max-file-mb", type=float, default=None, help="skip files larger than this (default from config)")
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    e.set_defaults(func=_cmd_extract)

    s = sub.add_parser("stats", help="documents by kind, mentions by label, errors")
    s.add_argument("--kb", required=True)
    s.set_defaults(func=_cmd_stats)

    sh = sub.add_parser("show", help="a document with its mentions highlighted")
    sh.add_argument("doc", help="document id")
    sh.add_argument("--kb", required=True)
    sh.set_defaults(func=_cmd_show)

    b = sub.add_parser("bench", help="speed and memory of extraction beside bare fr_core_news_md")
    b.add_argument("folders", nargs="*", help="default: the government statements and AN questions in ../shared")
    b.add_argument("--limit", type=int, default=300, help="documents to use (default 300)")
    b.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                   help="worker counts to time (default 1 2; N > 1 runs a local Dask cluster)")
    b.add_argument("--dask", nargs="+", metavar="ADDRESS", help="also time --dask ADDRESS runs (local:2, tcp://...)")
    b.add_argument("--scale", action="store_true",
                   help="instead: build KBs of growing size from replicated real records and time storage, search, "
                        "pages, timeline and drafts")
    b.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], help="KB sizes for --scale")
    b.add_argument("--complexity", action="store_true",
                   help="instead: time the extraction of generated pathological texts at n and 2n characters")
    b.set_defaults(func=_cmd_bench)

    ev = sub.add_parser("eval", help="evaluate an extractor or model on a peer suite or corpus")
    ev_sub = ev.add_subparsers(dest="suite", required=True, parser_class=_Parser)
    # The suites import most of the package (seconds): only when the command line asks for them.
    wanted = argv is None or "eval" in argv
    from .eval import suites
    for name, mod in sorted(suites().items()) if wanted else []:
        sp = ev_sub.add_parser(name, help=getattr(mod, "HELP", ""))
        if hasattr(mod, "add_arguments"):
            mod.add_arguments(sp)
        sp.set_defaults(func=_cmd_eval)

    for modname in PLUGINS:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name and modname.startswith(exc.name):
                continue
            raise
        mod.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ModelError as exc:
        print(f"tdi-nlp {args.command}: {exc}", file=sys.stderr)
        return EXIT_MODEL
    except CheckoutMissing as exc:
        print(f"tdi-nlp {args.command}: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("tdi-nlp: interrupted; what was committed is kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
