"""Run cchc's command line: ``python -m cchc``."""

import sys

from cchc.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
