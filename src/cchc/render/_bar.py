"""Whether output is plain, and the progress bar: what commands ask before they print.

Apart from :mod:`cchc.render._console` so that a command that prints no rich output
(``validate``, any ``--json``) asks them without importing rich: the bar imports it
only when it is drawn, on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

__all__ = ["is_plain", "progress_bar"]


def is_plain(file: TextIO, environ: Mapping[str, str]) -> bool:
    """True when output to *file* must have no colour and no box drawing.

    That is when *file* is not a terminal, or ``NO_COLOR`` is set (https://no-color.org:
    any value, even empty), or ``TERM`` is ``dumb``.
    """
    isatty = getattr(file, "isatty", None)
    terminal = bool(isatty()) if callable(isatty) else False
    return not terminal or "NO_COLOR" in environ or environ.get("TERM") == "dumb"


@contextmanager
def progress_bar(
    stderr: TextIO, environ: Mapping[str, str], label: str
) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a bar on *stderr*, or None.

    The bar is drawn only when *stderr* is a terminal and ``NO_COLOR``/``TERM=dumb`` do
    not ask for plain output, so tests and pipes never see it.  It is transient: it
    disappears when the work is done.
    """
    if is_plain(stderr, environ):
        yield None
        return
    # Only when a bar is drawn: commands that print no rich output never import rich.
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
    )

    from cchc.render._console import make_console  # noqa: PLC0415 - it imports rich

    console = make_console(stderr, environ)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update
