"""The relation rules, one module each (or a small family): each declares itself with
``@relation_rule`` (kg/relations/registry.py). Importing kg.relations imports every module here, so a
new rule is one new file."""
