"""newskg: build an RDF knowledge graph of who did what to whom, who said so, and where it was written.

    >>> import kg
    >>> graph, report = kg.build(["examples/"])
    >>> graph.query("SELECT ?s ?o WHERE { ?s nkg:allyOf ?o }")
    >>> graph.export("exports/seed.trig"); graph.render("exports/seed.html")
"""
__version__ = "0.1.0"


def __getattr__(name):  # lazy: `import kg` stays cheap, spaCy loads only when building
    if name in ("build", "BuildReport"):
        from kg import api
        return getattr(api, name)
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph
        return KnowledgeGraph
    raise AttributeError(name)


__all__ = ["build", "BuildReport", "KnowledgeGraph", "__version__"]
