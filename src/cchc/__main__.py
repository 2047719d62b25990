"""Run cchc's command line: ``python -m cchc``."""

from cchc.cli import run

if __name__ == "__main__":
    run()
