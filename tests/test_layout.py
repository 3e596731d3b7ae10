"""The layout's rules (docs/architecture.md): stages import one way, io -> nlp -> entities ->
relations/claims/events -> rdf -> export, and read only their own or shared word lists; spaCy stays out
of the RDF and export stages, rdflib out of the language stages; no module over 500 lines, no function
over 80."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# Each module's stage, by its path under kg/; a module may import its own stage and lower ranks only.
RANKS = {
    "model": 0, "ids": 0, "plugins": 0, "lexicon": 0,
    "io": 1, "nlp": 2, "entities": 3,
    "relations": 4, "claims": 4, "events": 4,
    "extract": 5, "rdf": 6, "export": 7, "analysis": 7, "resolution": 7,
    "graph": 8, "api": 8, "corpus": 8, "eval": 9, "train": 9, "serve": 9, "cli": 10, "__main__": 10,
    "__init__": 10,     # the package root re-exports the library object, lazily
}
SIBLINGS_APART = {"relations", "claims", "events"}    # one rank, but none reads another's rules
NO_SPACY = {"rdf", "export", "analysis", "resolution", "ids", "model", "io"}
NO_RDFLIB = {"io", "nlp", "entities", "relations", "claims", "events", "extract", "lexicon", "model", "ids"}
# kg/lexicon/<name>.toml read by one stage alone; every other file is shared (rank 0)
LEXICON_OWNER = {"relations": "relations", "conll04": "relations", "positions": "relations", "claims": "claims",
                 "events": "events", "amounts": "events", "taxonomy": "events", "resolution": "resolution"}
# kg.lexicon's loaders, as the modules call them, and the argument that names the file
READERS = {"load": 0, "words": 0, "words_of": 0, "parse": 1}


def stage(module: str) -> str:
    """'kg.relations.rules' -> 'relations'; 'kg' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(KG.rglob("*.py")):
        rel = path.relative_to(KG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


def imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module the file imports (at any depth: lazy imports count), absolute names."""
    out = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            out += [(node.lineno, f"{name}.{a.name}") for a in node.names if name in ("kg",) or name.count(".") == 1]
    return out


def _kg_target(name: str) -> str | None:
    if name == "kg" or not name.startswith("kg.") or name.split(".")[1].startswith("__"):
        return None                      # `from kg import __version__`
    return stage(name)


def lexicon_reads(path: Path) -> list[tuple[int, str]]:
    """The lexicon files a module reads by name: load("relations"), words("claims", ...),
    parse(path, "taxonomy")."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        at = READERS.get(func)
        if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant) \
                and isinstance(node.args[at].value, str):
            out.append((node.lineno, node.args[at].value))
    return out


def test_every_stage_has_a_rank():
    unknown = {stage(m) for m, _ in modules()} - set(RANKS)
    assert not unknown, f"give these packages a rank in RANKS: {sorted(unknown)}"


def violations(module: str, path: Path) -> list[str]:
    """What a module imports against the layout's rules."""
    mine, out = stage(module), []
    for line, name in imports(path, module):
        top, target = name.split(".")[0], _kg_target(name)
        if mine in NO_SPACY and top in ("spacy", "thinc"):
            out.append(f"{module}:{line}: the {mine} stage imports {name}")
        if mine in NO_RDFLIB and top in ("rdflib", "oxrdflib", "pyoxigraph", "pyshacl"):
            out.append(f"{module}:{line}: the {mine} stage imports {name}")
        if target is None:
            continue
        if target not in RANKS:
            out.append(f"{module}:{line}: imports {name}, which is no stage of the layout")
            continue
        if RANKS[target] > RANKS[mine]:
            out.append(f"{module}:{line}: imports {name}, of the later stage {target}")
        if mine in SIBLINGS_APART and target in SIBLINGS_APART and target != mine:
            out.append(f"{module}:{line}: imports {name}: {mine} may not read {target}'s rules")
    for line, name in lexicon_reads(path) if mine in RANKS else []:
        owner = LEXICON_OWNER.get(name, "lexicon")
        if RANKS[owner] > RANKS[mine] or mine in SIBLINGS_APART and owner in SIBLINGS_APART and owner != mine:
            out.append(f"{module}:{line}: reads {name}.toml, the word lists of the {owner} stage")
    return out


@pytest.mark.parametrize("module,path", modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_imports_run_one_way(module, path):
    assert violations(module, path) == []


@pytest.mark.parametrize("module,source,expected", [
    ("kg.nlp.bad", "from kg.entities.mentions import find_mentions\n", "of the later stage entities"),
    ("kg.rdf.bad", "def f():\n    import spacy\n", "the rdf stage imports spacy"),
    ("kg.rdf.bad", "from kg.export.html import render_html\n", "of the later stage export"),
    ("kg.entities.bad", "from rdflib import Graph\n", "the entities stage imports rdflib"),
    ("kg.io.bad", "from . import clean\nfrom ..rdf import iris\n", "of the later stage rdf"),
    ("kg.nlp.bad", "from kg import KnowledgeGraph\n", "no stage of the layout"),
    ("kg.entities.bad", "x = words('relations', 'location', 'venues')\n", "reads relations.toml"),
    ("kg.claims.bad", "x = load('events')\n", "reads events.toml"),
    ("kg.relations.bad", "x = load('taxonomy')\n", "reads taxonomy.toml"),
    ("kg.entities.bad", "x = parse(HOME / 'taxonomy.toml', 'taxonomy')\n", "reads taxonomy.toml"),
])
def test_the_check_catches_what_it_forbids(tmp_path, module, source, expected):
    """A module that imports a later stage, spaCy in RDF (even lazily) or rdflib in NLP is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text(source)
    assert any(expected in v for v in violations(module, bad))


LATE_STAGES = ["kg.rdf.store", "kg.rdf.triples", "kg.rdf.validate", "kg.rdf.network", "kg.graph",
               "kg.export.registry", "kg.analysis.summary"]
LANGUAGE_STAGES = ["kg.io.read", "kg.nlp.pipeline", "kg.entities.coref", "kg.relations", "kg.claims",
                   "kg.events.verbs", "kg.extract"]


@pytest.mark.parametrize("modules_,library", [(LATE_STAGES, "spacy"), (LANGUAGE_STAGES, "rdflib")])
def test_no_stage_loads_the_other_sides_library(modules_, library):
    """What the import rules promise, seen at run time: the RDF and export stages (writers included)
    load no spaCy, even through a stage they import; the language stages load no rdflib."""
    code = ("import sys, importlib\nfrom kg.export.registry import exporters\n" if library == "spacy" else
            "import sys, importlib\n")
    code += f"for m in {modules_!r}: importlib.import_module(m)\n"
    code += "exporters()\n" if library == "spacy" else ""
    code += f"print({library!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=KG.parent)
    assert out.stdout.strip() == "False", f"importing {modules_} loads {library}"


def test_siblings_do_not_read_each_others_rules(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from kg.relations.rules import find_relations\n")
    assert any("events may not read relations" in v for v in violations("kg.events.bad", bad))


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("module,path", modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_modules_and_functions_stay_small(module, path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 500, f"{path.relative_to(KG.parent)}: {len(text.splitlines())} lines (500 at most)"
    for fn in _functions(ast.parse(text)):
        size = fn.end_lineno - fn.lineno + 1
        assert size <= 80, f"{path.relative_to(KG.parent)}:{fn.lineno} {fn.name}: {size} lines (80 at most)"
