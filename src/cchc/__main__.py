"""Run cchc's command line: ``python -m cchc``."""

import sys

from cchc._collector import end_process, run_by_interpreter
from cchc.cli import main

if __name__ == "__main__":
    # The process is cchc's only when the interpreter runs this module (python -m): run
    # by another program (runpy, a test runner), the program goes on after cchc.
    end_process(lambda: main(sys.argv[1:]), whole=run_by_interpreter(sys._getframe()))
