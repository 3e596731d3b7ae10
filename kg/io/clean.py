"""Clean an article's text: drop site boilerplate, repair machine-translation artefacts.

The cleaned text keeps a map back to the original: ``CleanText.offsets[i]`` is the index in the
original text of cleaned character ``i``, so every span found later can be reported in the file the
user gave us.  Repairs only delete characters or change them one for one (". the" -> ". The"),
except joins, which map the inserted character to the character it replaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.lexicon import load, words

SENTENCE_END = ".!?:;\"'”’)…"


@dataclass(frozen=True)
class CleanText:
    text: str
    offsets: tuple[int, ...]        # len(text) + 1 entries; the last is the original end
    title: str | None = None        # the headline, when the article starts with one
    dropped: tuple[str, ...] = ()   # boilerplate lines removed

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the cleaned span [start, end)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


class _Piece:
    """A string with the original offset of each character."""

    def __init__(self, chars: str, pos: list[int]):
        self.chars, self.pos = chars, pos

    def sub(self, pattern: re.Pattern, repl) -> "_Piece":
        """re.sub that keeps the offset map (repl gets the match, returns the replacement)."""
        chars, pos, last = [], [], 0
        for m in pattern.finditer(self.chars):
            new = repl(m)
            if new is None or new == m.group(0):
                continue
            chars.append(self.chars[last:m.start()])
            pos += self.pos[last:m.start()]
            chars.append(new)
            pos += _align(m.group(0), new, self.pos[m.start():m.end()])
            last = m.end()
        if not chars:
            return self
        chars.append(self.chars[last:])
        pos += self.pos[last:]
        return _Piece("".join(chars), pos)


def _align(old: str, new: str, old_pos: list[int]) -> list[int]:
    """Offsets for ``new`` replacing ``old``: a shared prefix and suffix keep theirs, the rest
    maps to the first changed character."""
    pre = 0
    while pre < min(len(old), len(new)) and old[pre].lower() == new[pre].lower():
        pre += 1
    suf = 0
    while (suf < min(len(old), len(new)) - pre
           and old[len(old) - 1 - suf].lower() == new[len(new) - 1 - suf].lower()):
        suf += 1
    middle = len(new) - pre - suf
    anchor = old_pos[pre] if pre < len(old_pos) else old_pos[-1]
    return old_pos[:pre] + [anchor] * middle + old_pos[len(old) - suf:]


_BOILERPLATE = None


def _boilerplate() -> tuple[list[re.Pattern], int]:
    global _BOILERPLATE
    if _BOILERPLATE is None:
        data = load("boilerplate")
        _BOILERPLATE = ([re.compile(f"(?:{p})", re.I) for p in data["lines"]],
                        int(data["trailing_source_max_words"]))
    return _BOILERPLATE


def is_boilerplate(line: str) -> bool:
    patterns, _ = _boilerplate()
    return any(p.fullmatch(line.strip()) for p in patterns)


# Repairs inside a paragraph, in order; each is one rule with its reason.
# 1. a lone period after a sentence end: "completed. ." -> "completed."
_LONE_PERIOD = re.compile(r"(\S)(\s+\.)+(?=\s|$)")
# 2. a short lowercase fragment cut off by a stray period at the paragraph's end: "regime. last week."
_TAIL_FRAGMENT = re.compile(r"(\w)\. ([a-z][\w'’-]*(?: [\w'’-]+){0,2}[.!?])$")
# 3. a name cut off by a stray period at the paragraph's end: "participated. Vladimir Poutine."
_TAIL_NAME = re.compile(r"([a-z])\. ((?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+\.)$")
# 4. a sentence that starts lowercase after a period: "the United Nations. the week-long" -> ". The"
_LOWER_START = re.compile(r"(\b[\w.]+)\. ([a-z])")
# 5. runs of spaces
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _lone_period(m: re.Match) -> str:
    return m.group(1) if m.group(1) in SENTENCE_END else m.group(1) + "."


def _lower_start(m: re.Match) -> str:
    word = m.group(1).lower()
    if word in words("boilerplate", "abbreviations") or len(word) == 1:
        return m.group(0)
    return f"{m.group(1)}. {m.group(2).upper()}"


def repair(piece: _Piece) -> _Piece:
    piece = piece.sub(_LONE_PERIOD, _lone_period)
    piece = piece.sub(_TAIL_FRAGMENT, lambda m: f"{m.group(1)} {m.group(2)}")
    piece = piece.sub(_TAIL_NAME, lambda m: f"{m.group(1)}, {m.group(2)}")
    piece = piece.sub(_LOWER_START, _lower_start)
    return piece.sub(_SPACES, lambda m: " ")


def _paragraphs(text: str, dropped: list[str]) -> list[_Piece]:
    """Blocks separated by blank lines; the lines of a block joined by spaces; boilerplate dropped."""
    blocks: list[list[tuple[int, str]]] = [[]]
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and is_boilerplate(body):
            dropped.append(body.strip())
        elif body.strip():
            blocks[-1].append((offset, body))
        elif blocks[-1]:
            blocks.append([])
        offset += len(line)
    pieces = []
    for block in blocks:
        chars, pos = [], []
        for start, body in block:
            lead = len(body) - len(body.lstrip())
            stripped = body.strip()
            if chars:
                chars.append(" ")
                pos.append(start - 1)
            chars.append(stripped)
            pos += range(start + lead, start + lead + len(stripped))
        if chars:
            pieces.append(_Piece("".join(chars), pos))
    return pieces


def clean(text: str) -> CleanText:
    """The cleaned text of an article, its headline, and the boilerplate it dropped."""
    _, max_source_words = _boilerplate()
    dropped: list[str] = []
    kept = _paragraphs(text, dropped)
    if kept:
        last = kept[-1].chars
        if len(last.split()) <= max_source_words and last[-1] not in SENTENCE_END and len(kept) > 1:
            dropped.append(last)
            kept.pop()
    kept = [repair(p) for p in kept]
    title = None
    if len(kept) > 1 and kept[0].chars[-1] not in SENTENCE_END and len(kept[0].chars.split()) <= 30:
        title = kept[0].chars
    chars, pos = [], []
    for piece in kept:
        if chars:
            chars.append("\n\n")
            pos += [piece.pos[0] - 1, piece.pos[0] - 1]
        chars.append(piece.chars)
        pos += piece.pos
    out = "".join(chars)
    pos.append(pos[-1] + 1 if pos else 0)
    return CleanText(out, tuple(pos), title, tuple(dropped))
