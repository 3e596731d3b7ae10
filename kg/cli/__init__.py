"""`kg`: the command line, a thin layer over the library."""
from kg.cli.main import main

__all__ = ["main"]
