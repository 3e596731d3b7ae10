"""`kg serve`: a read-only SPARQL 1.1 endpoint and a graph explorer over a store, an RDF file or another
SPARQL endpoint."""
from kg.serve.backend import Limits
from kg.serve.server import Server

__all__ = ["Limits", "Server"]
