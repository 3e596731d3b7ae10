import sys

from kg.cli import main

if __name__ == "__main__":      # not in the worker processes `kg build --workers N` starts
    sys.exit(main())
