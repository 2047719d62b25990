"""Run cchc's command line: ``python -m cchc``."""

import sys

from cchc._collector import end_process
from cchc.cli import main

if __name__ == "__main__":
    # The process is cchc's only when this is its main module: run by another program
    # (runpy, a test runner), the program goes on after cchc and frees as usual.
    end_process(lambda: main(sys.argv[1:]), whole=sys.modules["__main__"].__dict__ is globals())
