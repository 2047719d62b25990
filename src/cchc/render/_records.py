"""``records import`` for the terminal: what the workbook gave and what was written."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from cchc.render._console import Lang, t
from cchc.report._imported import Imported
from cchc.text._dates import format_vn_date

__all__ = ["render_import"]


def render_import(
    console: Console,
    result: Imported,
    workbook: str,
    output: str | None,
    *,
    written: bool,
    lang: Lang,
) -> None:
    """What *result* holds: counts, what was (or would be) written where, the new records."""
    # File names are printed whole (soft_wrap), never broken across lines.
    console.print(Text(f"{t(lang, 'Bảng tính', 'Workbook')}: {workbook}"), soft_wrap=True)
    counts = t(
        lang,
        f"Dòng đã điền: {result.filled} · bản ghi mới: {len(result.records)} · "
        f"đã có: {result.known} · lỗi: {len(result.problems)}",
        f"Rows filled: {result.filled} · new records: {len(result.records)} · "
        f"already recorded: {result.known} · problems: {len(result.problems)}",
    )
    console.print(Text(counts))
    target = output or t(lang, "(chưa chọn tệp)", "(no file chosen)")
    if result.problems:
        line = t(
            lang,
            "Không ghi gì: sửa các lỗi trên rồi nhập lại.",
            "Nothing written: correct the problems above and import again.",
        )
    elif not result.records:
        line = t(lang, "Không có gì mới để ghi.", "Nothing new to write.")
    elif written:
        line = t(
            lang,
            f"Đã ghi {len(result.records)} bản ghi vào {target}",
            f"Wrote {len(result.records)} record(s) to {target}",
        )
    else:
        line = t(
            lang,
            f"Chạy thử: sẽ ghi {len(result.records)} bản ghi vào {target}",
            f"Dry run: would write {len(result.records)} record(s) to {target}",
        )
    console.print(Text(line), soft_wrap=True)
    for record in result.records if not result.problems else ():
        if record.waiver is not None:
            what = f"{t(lang, 'được miễn', 'waived')}: {record.waiver}"
        else:
            day = format_vn_date(record.done, "numeric") if record.done else ""
            what = f"{t(lang, 'ngày', 'on')} {day}"
            if record.quantity is not None:
                what += f" ×{record.quantity}"
            if record.evidence:
                what += f" · {record.evidence}"
        period = f" {record.period}" if record.period else ""
        console.print(Text(f"  {record.unit}  {record.duty}{period}  {what}"))
