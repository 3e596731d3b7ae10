"""CaRB's file formats, read as CaRB's own readers read them (its ``oie_readers/``).

- gold (``gold/dev.tsv``): sentence, relation, arg1, arg2, ... tab-separated; an argument holding
  ``"C: "`` is left out; every field is stripped (``goldReader.py``);
- tabbed system output: sentence, confidence, relation, arg1, arg2, ...; blank lines are skipped, the
  arguments are kept as written (``tabReader.py``);
- OpenIE 5's output: confidence, context, ``SimpleArgument(arg1,List(...))``, ``Relation(rel,List(...))``,
  the other arguments joined by ``;``, sentence; a line without arg1, relation or arg2 is skipped, and
  a context that does not begin "arg1 relation" is put before arg1 (``openieFiveReader.py``).

Every reader strips the whole line first, so trailing empty fields are lost (a tabbed file cannot carry
an empty last argument). Extractions are grouped by sentence as written, in the order of the file;
the scorer matches sentences by ``score.sentence_key``. A line CaRB's reader would crash on is a
``CarbFormatError`` naming the file and line.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

ARGUMENT_MARK = "SimpleArgument("      # what an OpenIE 5 argument field looks like, for the error message


@dataclass(frozen=True)
class Extraction:
    """One open-IE tuple of a sentence: a relation phrase, its arguments (arg1 first) and a confidence
    (1 for gold)."""
    sentence: str
    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


# sentence as written -> its extractions, in file order (dicts keep insertion order, as CaRB's do)
Extractions = dict[str, list[Extraction]]


class CarbFormatError(ValueError):
    """A line that CaRB's reader for the format would fail on."""


def _lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, line stripped) for each line, universal newlines, as Python's ``open`` reads."""
    with open(path, encoding="utf-8") as handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                yield number, line.strip()
        except UnicodeDecodeError as exc:
            raise CarbFormatError(f"{path}:{number + 1}: not UTF-8 text ({exc.reason})") from None


def group(extractions: Iterable[Extraction]) -> Extractions:
    """Extractions by sentence as written, in order."""
    out: Extractions = {}
    for ex in extractions:
        out.setdefault(ex.sentence, []).append(ex)
    return out


def read_gold(path: str | Path) -> Extractions:
    """A CaRB gold file: the reference extractions, confidence 1."""
    def rows() -> Iterator[Extraction]:
        for number, line in _lines(path):
            data = line.split("\t")
            if len(data) < 2:
                raise CarbFormatError(f"{path}:{number}: a gold line needs a sentence and a relation, "
                                      f"tab-separated")
            args = tuple(a.strip() for a in data[2:] if "C: " not in a)
            yield Extraction(data[0].strip(), data[1].strip(), args, 1.0)
    return group(rows())


def _confidence(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CarbFormatError(f"{where}: the confidence {text[:40]!r} is not a number") from None


def read_tabbed(path: str | Path) -> Extractions:
    """A tabbed system output: sentence, confidence, relation, arg1, arg2, ..."""
    def rows() -> Iterator[Extraction]:
        for number, line in _lines(path):
            if not line:
                continue
            data = line.split("\t")
            if len(data) < 3:
                raise CarbFormatError(f"{path}:{number}: a tabbed line needs a sentence, a confidence "
                                      f"and a relation, tab-separated")
            yield Extraction(data[0], data[2], tuple(data[3:]), _confidence(data[1], f"{path}:{number}"))
    return group(rows())


def _inside(field: str, where: str) -> str:
    """``SimpleArgument(the text,List([0, 8)))`` -> ``the text``, cut as CaRB cuts it."""
    start, end = field.find("("), field.find(",List(")
    if start < 0 or end < 0:
        raise CarbFormatError(f"{where}: {field[:60]!r} is not like {ARGUMENT_MARK}TEXT,List(...))")
    return field[start + 1:end]


def _openie5_row(data: list[str], where: str) -> Extraction | None:
    if not all(data[2:5]):
        return None
    if len(data) < 6:
        raise CarbFormatError(f"{where}: an OpenIE 5 line has 6 tab-separated fields: confidence, context, "
                              f"arg1, relation, arguments, sentence")
    arg1, relation = _inside(data[2], where), _inside(data[3], where)
    rest = [_inside(field, where) for field in data[4].strip().split(");")]
    if data[1]:
        context = _inside(data[1], where)
        if not f"{arg1} {relation}".startswith(context):
            arg1 = f"{context} {arg1}"
    return Extraction(data[5], relation, (arg1, *rest), _confidence(data[0], where))


def read_openie5(path: str | Path) -> Extractions:
    """OpenIE 5's output, as published with CaRB."""
    def rows() -> Iterator[Extraction]:
        for number, line in _lines(path):
            row = _openie5_row(line.split("\t"), f"{path}:{number}")
            if row is not None:
                yield row
    return group(rows())


SPACES = str.maketrans("\t\r\n", "   ")     # what would break a field or a line when read back


def _field(text: str) -> str:
    """A field on one line: tabs and line breaks inside it become spaces."""
    return text.translate(SPACES)


def tabbed_line(ex: Extraction) -> str:
    """One line of the tabbed format; the confidence is written so that it reads back exactly."""
    return "\t".join([_field(ex.sentence), repr(float(ex.confidence)), _field(ex.relation),
                      *map(_field, ex.args)])


def write_tabbed(extractions: Iterable[Extraction], out: TextIO) -> int:
    """Write the extractions one a line in the tabbed format; returns how many."""
    n = 0
    for ex in extractions:
        out.write(tabbed_line(ex) + "\n")
        n += 1
    return n
