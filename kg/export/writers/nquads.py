"""N-Quads: one statement a line, sorted, each in its document's named graph."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("nq", suffix=".nq", aliases=("nquads",), named_graphs=True, order=20)
def write_nquads(graph: Store, path: Path, options: ExportOptions) -> None:
    from kg.export.ordered import in_memory

    text = in_memory(graph).serialize(format="nquads")
    # one statement a line: split at "\n" only, as a literal may hold a form feed or U+2028
    lines = {line + "\n" for line in text.split("\n") if line}
    path.write_text("".join(sorted(lines)), encoding="utf-8")
