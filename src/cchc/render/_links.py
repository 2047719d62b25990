"""What ``links refresh`` did, for the terminal.

Its JSON is :func:`cchc.render._documents.links_refresh_document`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from cchc._visible import visible
from cchc.files._relink import LinkChange
from cchc.render._console import Lang, t

__all__ = ["render_refresh"]


def _line(change: LinkChange, lang: Lang) -> str:
    """One changed link: where, to what, and what it recorded before."""
    if change.old.fingerprint is None:
        was = t(lang, "mới ghi", "new")
    elif change.suspect:
        was = t(
            lang,
            f"trước {change.old.fingerprint}: mục cấp trên đã sửa",
            f"was {change.old.fingerprint}: the parent item changed",
        )
    else:
        was = t(lang, "ghi lại văn bản", "text recorded")
    return f"{change.path} → {change.new}: {change.new.fingerprint} ({was})"


def render_refresh(
    console: Console,
    by_file: Mapping[str, Sequence[LinkChange]],
    lang: Lang,
    *,
    written: bool,
    dry_run: bool,
) -> None:
    """Print each file's changed links, then how many, and whether they were written."""
    for file, changes in by_file.items():
        # A file name is never wrapped: a line break in it would read as two names.
        console.print(Text(visible(file), style="bold"), soft_wrap=True)
        for change in changes:
            console.print(Padding(Text(_line(change, lang)), (0, 0, 0, 2)))
    count = sum(len(c) for c in by_file.values())
    if not count:
        console.print(
            t(
                lang,
                "Mọi liên kết đã ghi đúng mục cấp trên hiện nay: không có gì để cập nhật.",
                "Every link records its parent item as it is now: nothing to refresh.",
            )
        )
        return
    files = len(by_file)
    if written:
        done = t(lang, "đã ghi", "written")
    elif dry_run:
        done = t(lang, "chạy thử, chưa ghi gì", "dry run, nothing written")
    else:
        done = t(lang, "chưa ghi gì", "nothing written")
    console.print(
        t(
            lang,
            f"{count} liên kết trong {files} tệp ({done}).",
            f"{count} link(s) in {files} file(s) ({done}).",
        )
    )
