"""`kg`: the command line, a thin layer over the library (kg.api, kg.graph), one module per command.

Each command module has ``add(subparsers)``, which adds its parser and sets ``run`` to its handler;
``main`` parses the arguments, runs the handler and turns the errors users meet into one line.
"""
from __future__ import annotations

import argparse
import logging
import sys
import warnings

from kg.cli import analyze, build, eval, export, query, render, resolve, serve, train, validate
from kg.cli.common import fail

COMMANDS = (build, resolve, query, serve, render, export, analyze, validate, eval, train)   # in `kg --help` order


def parser() -> argparse.ArgumentParser:
    from kg import __version__
    p = argparse.ArgumentParser(
        prog="kg", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a knowledge graph of who did what to whom, and who said so, from news articles; "
                    "export it as RDF, explore it as HTML, query it with SPARQL.",
        epilog="start with:  kg build examples/ --out exports/   then   kg query exports/seed.trig '...'\n"
               "every command has --help with examples.")
    p.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add(sub)
    return p


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning (such as characters a GraphML file cannot hold) as ``kg: warning: ...``, one line; a
    library's deprecation notice is for its developers, not for the user, and is not shown."""
    if not issubclass(category, (DeprecationWarning, PendingDeprecationWarning)):
        print(f"kg: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # rdflib logs a traceback for every ill-typed literal ("notadate"^^xsd:date) it reads; the value
    # stays as written, and SHACL reports a literal that breaks a shape
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    with warnings.catch_warnings():       # the caller's warning display comes back after the command
        warnings.showwarning = _show_warning
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except FileNotFoundError as exc:
        return fail(str(exc), 2)
    except ValueError as exc:
        return fail(str(exc), 1)
    except BrokenPipeError:           # `kg query ... | head`
        return 0
    except OSError as exc:            # `--out` names a folder, or a file it may not write
        return fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc), 1)
    except KeyboardInterrupt:
        return fail("interrupted", 130)


__all__ = ["main", "parser"]
