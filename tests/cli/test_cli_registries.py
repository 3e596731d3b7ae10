"""`kg build` with a toy reader (.md) and a toy exporter (count) registered, in this process: the
command line takes its suffixes and formats from the registries."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

from kg.cli import main
from kg.export import registry as exporters
from kg.io import registry as readers
from kg.io.document import decode, make_document


def read_markdown(path: Path):
    text, problems = decode(path.read_bytes(), str(path))
    yield from problems
    yield make_document(text.replace("# ", ""), str(path), title="Arrest")


def write_count(graph, path: Path, options: exporters.ExportOptions) -> None:
    path.write_text(f"{len(graph)}\n", encoding="utf-8")


@contextlib.contextmanager
def toys():
    with readers.registered(readers.Reader("markdown", (".md",), read_markdown, order=40)), \
            exporters.registered(exporters.Exporter("count", ".count", write_count)):
        yield


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:       # --help, or a usage error
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_build_help_and_errors_list_the_registered_formats(tmp_path):
    """--help names the toy suffix and format; an unknown format is refused with the toy among the choices."""
    (tmp_path / "a.md").write_text("Tokayev arrested Masimov.", encoding="utf-8")
    with toys():
        code, out, _ = run("build", "--help")
        assert code == 0
        assert "files or folders of .txt, .html, .jsonl, .md" in " ".join(out.split())
        assert "choose from trig, nq, ttl, jsonld, graphml, html, count)" in " ".join(out.split())
        assert "NAME.count" not in out                     # written only when asked for
        code, _, err = run("build", str(tmp_path), "--out", str(tmp_path / "out"), "--formats", "count,pdf")
    assert code == 2 and not (tmp_path / "out").exists()
    assert err == ("kg: error: unknown format 'pdf' in --formats "
                   "(choose from trig, nq, ttl, jsonld, graphml, html, count)\n")


def test_build_reads_and_writes_the_toy_formats(tmp_path):
    """A folder of .md articles builds, and --formats count writes NAME.count."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("# Kassym-Jomart Tokayev arrested Karim Masimov.\n", encoding="utf-8")
    with toys():
        code, out, err = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--name", "md",
                             "--formats", "trig,count", "--quiet")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("1 documents, ") and lines[1:] == [
        f"wrote {tmp_path / 'out' / 'md.trig'}", f"wrote {tmp_path / 'out' / 'md.count'}"]
    triples = int(lines[0].split(" triples")[0].rsplit(" ", 1)[1])
    assert (tmp_path / "out" / "md.count").read_text() == f"{triples}\n"
    assert "Tokayev" in (tmp_path / "out" / "md.trig").read_text(encoding="utf-8")


def test_without_the_toys_md_is_not_read(tmp_path):
    (tmp_path / "a.md").write_text("Tokayev arrested Masimov.", encoding="utf-8")
    code, _, err = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2 and err == "kg: error: no .txt, .html or .jsonl files found under the given paths\n"


def test_the_build_epilog_names_the_default_exports_and_the_sidecar():
    """The end of `kg build --help`, made from the registries, reads as it always has."""
    from kg.cli.build import epilog

    assert epilog().endswith(
        "\n\nwrites OUT/NAME.trig (one named graph per document, plus the ontology), NAME.ttl (their union),\n"
        "NAME.jsonld, NAME.graphml (for Gephi) and NAME.html (interactive, works offline).\n"
        'A .txt article may carry metadata in NAME.meta.json beside it: {"title", "url", "date"}.')


def test_export_writes_any_registered_format(tmp_path):
    """`kg export --format html` writes the page that `kg render` writes, titled by the target."""
    from conftest import EXPORTS

    code, out, _ = run("export", str(EXPORTS / "seed.trig"), "--format", "html", "--out", str(tmp_path / "a.html"))
    assert (code, out) == (0, f"wrote {tmp_path / 'a.html'}\n")
    run("render", str(EXPORTS / "seed.trig"), "--out", str(tmp_path / "b.html"))
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
