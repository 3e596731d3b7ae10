"""Relations between entities: the rules (one module each under kg/relations/rules/, declared in
kg/relations/registry.py), the trained classifier's step (kg/relations/pairs.py) and
``find_relations`` (kg/relations/find.py), which runs both. Importing the package registers every rule."""
from kg.relations.registry import load_rules

load_rules()
