"""The export stage: a graph written to files, one module per format under kg/export/writers/
(TriG, N-Quads, Turtle, JSON-LD, GraphML, HTML), listed by kg.export.registry."""
