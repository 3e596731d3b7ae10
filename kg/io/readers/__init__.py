"""One module per input format; importing the module registers its reader (kg.io.registry)."""
