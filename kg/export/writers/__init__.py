"""One module per export format; importing the module registers its exporter (kg.export.registry)."""
