"""``kg serve``'s library object: a SPARQL endpoint and a graph explorer over a store, an RDF file or
another SPARQL endpoint.

    >>> server = Server("store/", limits=Limits(timeout=10, rows=10_000))
    >>> server.run(host="127.0.0.1", port=8000)      # until interrupted
    >>> Server("http://127.0.0.1:8890/sparql")         # the queries sent to that endpoint

The ASGI app (Starlette, served by uvicorn) answers ``/sparql`` (``kg.serve.protocol``), the explorer
page at ``/`` with its scripts under ``/static/`` (package data: it needs no network), and the page's
own questions under ``/api/`` (``kg.serve.explore``). Whatever answers the queries is a backend
(``kg.serve.backend``): worker processes on an Oxigraph store on disk (``kg.serve.pool``; an RDF file
is first copied into a temporary store), or the SPARQL endpoint of an http(s) URL (``kg.serve.remote``).
"""
from __future__ import annotations

import logging
import shutil
import socket
import tempfile
from pathlib import Path

from kg.rdf.stores import is_endpoint
from kg.serve.backend import Backend, Limits, Refused
from kg.serve.explore import Explorer
from kg.serve.pool import Pool
from kg.serve.protocol import Endpoint, error, quiet_cuts

log = logging.getLogger("kg.serve")
STATIC = Path(__file__).resolve().parent / "static"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "queries"    # the README's example queries


def _to_store(path: Path) -> Path:
    """An RDF file as a temporary Oxigraph store folder (the caller removes it)."""
    import pyoxigraph as ox

    from kg.rdf.store import Store
    graph = Store.load(path)                       # the file's checks and messages, as `kg query`'s
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    disk = ox.Store(str(folder))
    disk.bulk_extend(iter(graph.oxigraph))
    disk.flush()
    del disk
    return folder


def style() -> dict:
    """The static page's colours and shapes (``kg.export.html``), for the explorer to draw alike."""
    from kg.export.html import EDGE_STYLES, GROUP_COLORS, GROUP_SHAPES
    from kg.export.html_filters import event_color
    from kg.rdf.network import TOP_CLASSES
    return {"groups": GROUP_COLORS, "shapes": GROUP_SHAPES, "events": {t: event_color(t) for t in TOP_CLASSES},
            "edges": {k: {"color": c, "dashes": d} for k, (c, d, _) in EDGE_STYLES.items()}}


def examples() -> list[dict]:
    """The example queries: file name, the first comment line as a title, the text."""
    out = []
    for path in sorted(EXAMPLES.glob("*.rq")) if EXAMPLES.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("#")), "# " + path.stem)
        out.append({"name": path.stem, "title": first.lstrip("# ").split(":")[0], "query": text})
    return out


class Server:
    """The endpoint and the explorer over ``target``: a store folder, an RDF file, or the http(s) URL
    of a SPARQL endpoint (``workers``: then the connections to it, the queries sent at once)."""

    def __init__(self, target: str | Path, workers: int | None = None, limits: Limits = Limits()):
        self._temporary = None
        if is_endpoint(str(target)):
            from kg.serve.remote import Remote
            self.target = self.name = str(target)
            self.backend: Backend = Remote(self.target, connections=workers, limits=limits)
        else:
            self.backend = Pool(self._folder(Path(target)), workers=workers, limits=limits)
            self.target, self.name = Path(target), Path(target).name
        self.explorer = Explorer(self.backend)

    def _folder(self, target: Path) -> Path:
        """The store folder to serve: ``target`` itself, or a temporary copy of an RDF file."""
        from kg.rdf.store import Store
        if not target.exists():
            raise FileNotFoundError(f"{target}: no such file or folder")
        if not target.is_dir():
            self._temporary = _to_store(target)
            return self._temporary
        if not Store.is_store(target):
            raise ValueError(f"{target}: a folder, but not a store made by `kg build --store`")
        return target

    def app(self):
        """The ASGI application."""
        from starlette.applications import Starlette
        from starlette.middleware import Middleware
        from starlette.middleware.cors import CORSMiddleware
        from starlette.responses import FileResponse, JSONResponse
        from starlette.routing import Mount, Route
        from starlette.staticfiles import StaticFiles
        from starlette.concurrency import run_in_threadpool

        async def api(request, call):
            try:
                return JSONResponse(await run_in_threadpool(call, request.query_params))
            except (Refused, ValueError) as exc:
                return error(getattr(exc, "status", 400), str(exc))

        async def search(request):
            return await api(request, lambda p: self.explorer.search(p.get("q", ""), int(p.get("limit", "20"))))

        async def node(request):
            return await api(request, lambda p: self.explorer.neighbourhood(p.get("iri", "")))

        async def page(request):
            return await api(request, lambda p: {"examples": examples(), "target": self.name, "style": style()})

        async def index(request):
            return FileResponse(STATIC / "index.html")

        cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                          allow_headers=["Accept", "Content-Type"])
        routes = [Route("/sparql", Endpoint(self.backend).handle, methods=["GET", "POST"]),
                  Route("/api/search", search), Route("/api/node", node), Route("/api/page", page),
                  Route("/", index), Mount("/static", StaticFiles(directory=STATIC), name="static")]
        return quiet_cuts(Starlette(routes=routes, middleware=[cors]))

    def run(self, host: str = "127.0.0.1", port: int = 8000, ready=None) -> None:
        """Serve until interrupted; ``ready(url)`` is called once the socket listens."""
        import threading

        import uvicorn
        try:
            # IPPROTO_TCP named, or asyncio leaves Nagle's algorithm on for the connections it accepts
            # (and a keep-alive client waits 40 ms for each answer's body: the delayed ACK)
            sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM,
                                 socket.IPPROTO_TCP)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
            bound = sock.getsockname()[1]
            sock.listen(2048)           # before "ready": a client told the URL may connect at once
            threading.Thread(target=self._index, daemon=True, name="kg-serve-index").start()
            config = uvicorn.Config(self.app(), log_level="warning", access_log=False, timeout_graceful_shutdown=2)
            if ready is not None:
                ready(f"http://{host if ':' not in host else f'[{host}]'}:{bound}/")
            backend = self.backend

            class Server(uvicorn.Server):
                def handle_exit(self, sig, frame) -> None:
                    backend.close()    # Ctrl-C: the queries on their way end, their requests get a 503
                    super().handle_exit(sig, frame)
            Server(config).run(sockets=[sock])
        finally:
            self.close()

    def _index(self) -> None:
        """Build the search index now, so the first search does not wait; a failure waits for it."""
        try:
            self.explorer.names()
        except Exception as exc:      # the first search reports it to its user
            log.warning("the search index could not be built yet: %s", exc)

    def close(self) -> None:
        self.backend.close()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
