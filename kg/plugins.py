"""What the registries share (readers in kg/io, writers in kg/export, relation rules in kg/relations):
each format or rule is one module of a package that declares itself when imported, so adding one
is adding a file."""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def import_all(package: ModuleType) -> None:
    """Import every module of ``package`` (those already imported are not run again): each registers
    what it declares."""
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
