"""`kg serve`: a read-only SPARQL 1.1 endpoint and a graph explorer over a store or an RDF file."""
from kg.serve.pool import Limits
from kg.serve.server import Server

__all__ = ["Limits", "Server"]
