"""Helpers for the extraction tests: run the extractor on a snippet and read off simple tuples."""
from functools import cache

from kg.extract import Extractor
from kg.model import Extraction
from kg.io.read import make_document


@cache
def extractor() -> Extractor:
    return Extractor()


@cache
def run(text: str, date: str | None = "2022-01-10") -> Extraction:
    return extractor().extract(make_document(text, "test", date=date))


def facts(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.predicate, r.object.name) for r in x.relations if r.is_fact}


def all_relations(x: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.predicate, r.object.name) for r in x.relations}


def entity_of(x: Extraction, surface: str):
    """The entity one of whose mentions is written ``surface``."""
    for e in x.entities:
        if any(surface in (x.document.text[m.start:m.end], m.text) for m in e.mentions):
            return e
    return None
