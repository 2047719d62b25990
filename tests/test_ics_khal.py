"""The calendar file read by a calendar program nobody here wrote: khal (Debian's package).

A deadline moved by an edit of the plan, exported again and imported again, must stay one
event in khal: the UID names the duty, not its date.  Skipped where khal is not installed
(`.ci/run` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

KHAL = shutil.which("khal")
pytestmark = pytest.mark.skipif(KHAL is None, reason="khal is not installed")

PLAN = """\
key: kh-thu
kind: plan
title: Kế hoạch thử (dữ liệu thử, không phải văn bản thật)
issuer: u
issued: 2024-01-02
period: 2024
tasks:
  - id: nd1
    text: Niêm yết thủ tục hành chính
    lead: [u]
    schedules:
      - kind: due
        due: {due}
units:
  - {{code: u, name: UBND xã Thử, level: commune}}
"""

CONFIG = """\
[calendars]
[[cchc]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = cchc
"""


def _khal(config: Path, *args: str) -> str:
    assert KHAL is not None
    done = subprocess.run(
        [KHAL, "-c", str(config), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    return done.stdout


def _export(corpus: Path, due: str, as_of: str, target: Path) -> None:
    (corpus / "kh-thu.yaml").write_text(PLAN.format(due=due), encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc",
            "calendar",
            str(corpus),
            "--as-of",
            as_of,
            "--ics",
            str(target),
            "--force",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_khal_keeps_one_event_when_a_deadline_moves(tmp_path: Path) -> None:
    corpus, vdir = tmp_path / "corpus", tmp_path / "vdir"
    corpus.mkdir()
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(CONFIG.format(path=vdir), encoding="utf-8")
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    _export(corpus, "2024-06-14", "2024-03-01", first)
    _khal(config, "import", "--batch", str(first))
    # The plan moves the deadline to Friday 12 July; exported on a later day.
    _export(corpus, "2024-07-12", "2024-03-05", second)
    _khal(config, "import", "--batch", str(second))
    assert len(list(vdir.glob("*.ics"))) == 1
    listed = _khal(config, "list", "2024-01-01", "365d")
    assert "2024-07-12" in listed
    assert "2024-06-14" not in listed
    assert listed.count("UBND xã Thử: Hạn hoàn thành") == 1
