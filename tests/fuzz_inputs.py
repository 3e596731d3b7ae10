"""A folder of hostile input for the fuzz tests, made from a fixed seed: good articles in every format
and encoding, bad files (random bytes, empty, over the size limit, malformed JSON and HTML, a FIFO, a
dangling link) and damaged ones whose fate is open, under hostile names (newlines, leading dashes,
long names, bytes that are not UTF-8). ``Inputs`` says what should become of each."""
from __future__ import annotations

import codecs
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from kg.io.document import make_document

LIMIT = 50_000          # --max-bytes of the fuzz builds
PEOPLE = ["Kassym-Jomart Tokayev", "Karim Masimov", "Vladimir Putin", "Angela Merkel", "Joe Biden"]
PLACES = ["Almaty", "Moscow", "Berlin", "Paris", "Nairobi"]
VERBS = ["met", "arrested", "praised", "criticised", "visited"]


@dataclass
class Inputs:
    """Sources (as read: ``str(path)``, ``PATH#LINE`` for a JSONL record) by what should become of them."""

    good: list[str] = field(default_factory=list)       # stored, perhaps with a warning
    bad: list[str] = field(default_factory=list)        # skipped, with a reason
    either: list[str] = field(default_factory=list)     # damaged at random: stored or skipped


def stored_name(source: str) -> str:
    """The nkg:source a document read from ``source`` has (bytes that are not UTF-8 replaced)."""
    return make_document("x", source).source


class _Maker:
    def __init__(self, folder: Path, seed: int):
        self.folder, self.rng, self.n, self.inputs = folder, random.Random(seed), 0, Inputs()

    def article(self) -> str:
        self.n += 1
        r = self.rng
        return (f"{r.choice(PEOPLE)} {r.choice(VERBS)} {r.choice(PEOPLE)} in {r.choice(PLACES)} on Monday. "
                f"The meeting was number {self.n}.\n\n{r.choice(PEOPLE)} said the talks went well.\n")

    def name(self, suffix: str) -> Path:
        """A new file name, hostile one time in two."""
        self.n += 1
        stem = self.rng.choice([f"plain{self.n}", f"-dash{self.n}", f"new\nline{self.n}", f"sp ace{self.n}",
                                "long" * 50 + str(self.n), os.fsdecode(b"bytes\xff\xfe" + str(self.n).encode()),
                                f"--help{self.n}", f"ünï{self.n}"])
        return self.folder / f"{stem}{suffix}"

    def write(self, data: bytes, suffix: str, fate: str) -> Path:
        path = self.name(suffix)
        path.write_bytes(data)
        getattr(self.inputs, fate).append(str(path))
        return path


def _jsonl(m: _Maker) -> None:
    """A JSONL file of good records, broken lines, a record too long and a truncated last line."""
    path, lines, fates = m.name(".jsonl"), [], []
    for _ in range(m.rng.randint(3, 6)):
        kind = m.rng.choice(["good", "good", "broken", "nottext", "deep", "huge", "empty"])
        line = {"good": lambda: json.dumps({"text": m.article(), "title": "T", "date": "2022-01-10"}),
                "broken": lambda: '{"text": "unterminated',
                "nottext": lambda: json.dumps({"text": ["a", "list"]}),
                "deep": lambda: "[" * 20_000,
                "huge": lambda: json.dumps({"text": "Word. " * (LIMIT // 5)}),
                "empty": lambda: json.dumps({"text": "   "})}[kind]()
        lines.append(line)
        fates.append("good" if kind == "good" else "bad")
    lines.append(json.dumps({"text": m.article()})[:25])        # truncated
    fates.append("bad")
    path.write_text("\n".join(lines), encoding="utf-8")
    for n, fate in enumerate(fates, start=1):
        getattr(m.inputs, fate).append(f"{path}#{n}")


def _good(m: _Maker) -> None:
    text = m.article()
    choice = m.rng.randrange(8)
    if choice == 0:
        m.write(text.encode("utf-8"), ".txt", "good")
    elif choice == 1:
        m.write(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), ".txt", "good")
    elif choice == 2:
        m.write(text.encode("utf-16-be"), ".txt", "good")
    elif choice == 3:
        m.write(text.encode("utf-8") + "Zürich".encode("utf-8")[:2], ".txt", "good")     # truncated
    elif choice == 4:
        m.write(text.encode("utf-8") + " Café in Genève.".encode("latin-1"), ".txt", "good")   # mixed
    elif choice == 5:
        m.write(f"<html><head><title>News {m.n}</title></head><body><p>{text}</p></body></html>".encode(),
                ".html", "good")
    elif choice == 6:
        m.write(f"<p>{text}<div><b>unclosed <i>tags & stray < signs &#xD800; &bogus;".encode(), ".htm", "good")
    else:
        path = m.write(text.encode("utf-8"), ".txt", "good")
        path.with_suffix(".meta.json").write_text(m.rng.choice(['{"title": ', "[]", '{"date": "tomorrow"}']))


def _bad(m: _Maker) -> None:
    suffix = m.rng.choice([".txt", ".html", ".jsonl"])
    choice = m.rng.randrange(4)
    if choice == 0:
        m.write(m.rng.randbytes(m.rng.randint(600, 3000)), suffix, "bad")                 # random bytes
    elif choice == 1:
        m.write(m.rng.choice([b"", b"  \n\n\t ", b"<script>x()</script><nav>Home</nav>"]),
                ".html", "bad")                                                          # no text
    elif choice == 2:
        m.write(("Word. " * (LIMIT // 5)).encode(), ".txt", "bad")                         # over the limit
    else:
        m.write(bytes([m.rng.choice([0, 1, 7, 27])]) * 800 + b"text", suffix, "bad")        # control bytes


def _damaged(m: _Maker) -> None:
    data = bytearray(f"<html><title>T</title><p>{m.article()}</p>".encode()
                     if m.rng.random() < 0.5 else m.article().encode())
    for _ in range(m.rng.randint(1, 20)):
        data[m.rng.randrange(len(data))] = m.rng.randrange(256)
    m.write(bytes(data[:m.rng.randint(1, len(data))]), m.rng.choice([".txt", ".html"]), "either")


def make_inputs(folder: Path, seed: int, files: int = 30) -> Inputs:
    """``files`` files of every kind under ``folder`` (made if need be), and a FIFO and a dangling link."""
    folder.mkdir(parents=True, exist_ok=True)
    m = _Maker(folder, seed)
    for _ in range(files):
        m.rng.choice([_good, _good, _bad, _jsonl, _damaged])(m)
    os.mkfifo(folder / "a fifo.txt")
    (folder / "dangling.html").symlink_to(folder / "nowhere")
    m.inputs.bad += [str(folder / "a fifo.txt"), str(folder / "dangling.html")]
    return m.inputs
