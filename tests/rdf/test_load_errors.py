"""Store.load on files that are not what their suffix says: one line naming the file and the line (and
column), a short excerpt, never the whole file; a JSON-LD file never makes it fetch a context."""
from __future__ import annotations

import json
import random
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from kg.rdf.store import Store

SUFFIXES = ("trig", "ttl", "nq", "jsonld")


def truncated(source: Path, path: Path) -> Path:
    """The first half of ``source``'s text (cut between characters, so still UTF-8) at ``path``."""
    text = source.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def one_line_error(path: Path) -> str:
    with pytest.raises(ValueError) as caught:
        Store.load(path)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300, message
    assert message.startswith(f"{path}"), message
    return message


@pytest.fixture(scope="module")
def seed_nq(seed_build, tmp_path_factory) -> Path:
    return seed_build[0].export(tmp_path_factory.mktemp("nq") / "seed.nq")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_truncated_file_names_the_file_and_the_line(seed_exports, seed_nq, tmp_path, suffix):
    source = seed_nq if suffix == "nq" else seed_exports[suffix]
    path = truncated(source, tmp_path / f"cut.{suffix}")
    message = one_line_error(path)
    assert re.match(rf"{re.escape(str(path))}:\d+(:\d+)?: not valid ", message), message


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_random_bytes_are_not_rdf(tmp_path, suffix):
    path = tmp_path / f"noise.{suffix}"
    path.write_bytes(b"\xff" + random.Random(7).randbytes(20_000))
    assert re.match(rf"{re.escape(str(path))}:1:1: not UTF-8 text \(byte 0xff\)", one_line_error(path))


def test_a_utf16_file_is_not_utf8(tmp_path):
    path = tmp_path / "wide.ttl"
    path.write_text('<https://x.org/a> <https://x.org/b> "c" .\n', encoding="utf-16")
    assert "not UTF-8 text" in one_line_error(path)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_empty_file_says_so(tmp_path, suffix):
    path = tmp_path / f"empty.{suffix}"
    path.write_text("  \n", encoding="utf-8")
    assert one_line_error(path) == f"{path}: the file is empty: no RDF in it"


def test_a_file_of_prefixes_only_holds_no_triples(tmp_path):
    path = tmp_path / "prefixes.ttl"
    path.write_text("@prefix nkg: <https://newskg.dev/ontology#> .\n", encoding="utf-8")
    assert one_line_error(path) == f"{path}: no RDF triples in it"


def test_the_excerpt_is_short_on_a_long_line(tmp_path):
    """A one-line Turtle file of 50 KB broken at its end: the message quotes a few words of it."""
    path = tmp_path / "long.ttl"
    path.write_text('<https://x.org/a> <https://x.org/b> "' + "word " * 10_000 + '" ; <oops', encoding="utf-8")
    message = one_line_error(path)
    assert re.match(rf"{re.escape(str(path))}:1:\d+: not valid Turtle: ", message), message


def test_a_bad_n_quads_line_is_found(tmp_path):
    path = tmp_path / "bad.nq"
    path.write_text('<https://x.org/a> <https://x.org/b> "c" .\n'
                    '<https://x.org/a> <https://x.org/b> "d" <https://x.org/g> .\n'
                    '<https://x.org/a> <https://x.org/b> oops .\n', encoding="utf-8")
    message = one_line_error(path)
    assert re.match(rf"{re.escape(str(path))}:3:\d+: not valid N-Quads: ", message) and "oops" in message, message


# --- JSON-LD contexts by reference ---------------------------------------------------------------

class Listener:
    """A real TCP socket on a free 127.0.0.1 port that counts the connections it gets; it accepts
    (and closes at once) in a thread that polls, and stops by itself after ``limit`` seconds."""

    def __init__(self, limit: float = 20.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.deadline = time.monotonic() + limit
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.done.is_set() and time.monotonic() < self.deadline:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.close()
        self.sock.close()

    def stop(self) -> int:
        self.done.set()
        self.thread.join(timeout=5)
        return self.connections


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.stop()


@pytest.mark.parametrize("where", ["top", "nested", "list", "import"])
def test_a_remote_context_is_refused_and_never_fetched(tmp_path, listener, where):
    """A @context given by URL, at the top, inside a node, in a list, or as an @import, is refused
    with a message naming it, and no connection reaches the listening socket."""
    url = f"http://127.0.0.1:{listener.port}/context.jsonld"
    node = {"@id": "https://x.org/a", "https://x.org/b": "c"}
    document = {
        "top": {"@context": url, **node},
        "nested": {"@graph": [{"@context": url, **node}]},
        "list": {"@context": [{"x": "https://x.org/"}, url], **node},
        "import": {"@context": {"@version": 1.1, "@import": url}, **node},
    }[where]
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    message = one_line_error(path)
    assert url in message and "@context" in message, message
    assert listener.stop() == 0


def test_an_inline_context_still_loads(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(json.dumps({"@context": {"x": "https://x.org/"}, "@id": "x:a", "x:b": "c"}), encoding="utf-8")
    assert "c" in {str(o) for _, _, o, _ in Store.load(path).dataset.quads((None, None, None, None))}
