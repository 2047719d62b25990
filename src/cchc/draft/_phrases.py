"""The phrases a drafted item is read from: schedules, quotas, reports and unit names.

Each reader takes an item's text and gives what it says with the span it says it in, so
that the draft's provenance points at the words.  Wordings are those of the seeds and of
Nghị định 09/2019/NĐ-CP (report periods); a phrase that is not clearly one of them is left
alone: the item keeps its text and the field stays empty.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from cchc.text._normal import fold
from cchc.text._vocab import Cadence, vietnamese_words

__all__ = [
    "Found",
    "cooperating_names",
    "lead_name",
    "schedule_phrases",
    "split_names",
    "unit_name_at",
]


@attrs.frozen
class Found:
    """A phrase read from a text: what kind, its span, and the values it gives."""

    kind: str
    span: tuple[int, int]
    values: dict[str, object] = attrs.field(factory=dict)


_CADENCE_WORDS = sorted(vietnamese_words(Cadence), key=len, reverse=True)
_CADENCE = "|".join(re.escape(word) for word in _CADENCE_WORDS)
_EVERY = (
    r"(?:hằng|hàng|mỗi)\s+(?:tháng|quý|năm)|định\s+kỳ(?:\s+(?:hằng|hàng)?\s*(?:tháng|quý|năm))?"
)
_QUOTA = re.compile(
    rf"(?P<every>{_EVERY})[^.;:]{{0,60}}?(?:ít nhất|tối thiểu)\s+(?P<count>[0-9]{{1,4}})\s+"
    r"(?P<what>[^\W\d_][^/;.]*?)(?=\s+(?:về|được|đăng|trên|để|của|cho|phản ánh)\b|[/;.]|$)",
    re.IGNORECASE,
)
_PER = re.compile(
    r"(?:ít nhất|tối thiểu)\s+(?P<count>[0-9]{1,4})\s+(?P<what>[^\W\d_][^/;.]*?)\s*/\s*"
    r"(?P<per>tháng|quý|năm)\b",
    re.IGNORECASE,
)
_REPORT = re.compile(
    rf"(?P<lead>(?:định\s+kỳ|(?:hằng|hàng)\s+(?:tháng|quý|năm))(?:[\s,]+(?:{_CADENCE}|và))*)?"
    r"[\s,]*(?P<report>báo\s+cáo)\b(?P<body>[^.;]*?)"
    r"(?:\s(?P<verb>gửi|về)\s+(?P<to>(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Liên đoàn|LĐLĐ|Ban|Văn phòng)"
    r"[^.;()]*?(?:\s*\([^)]{0,80}\))?))(?=\s+(?:để|trước|chậm|theo|đúng)\b|[.;]|$)",
    re.IGNORECASE,
)
_BEFORE_DATE = re.compile(
    r"(?P<bound>trước|chậm nhất|đến hết|hoàn thành trước)\s+ngày\s+"
    r"(?P<day>[0-9]{1,2})\s*/\s*(?P<month>[0-9]{1,2})(?:\s*/\s*(?P<year>[0-9]{4}))?",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"\bquý\s+(?P<q>IV|III|II|I|[1-4])\s*/\s*(?P<year>[0-9]{4})", re.IGNORECASE)
_CONTINUOUS = re.compile(r"^\s*(?:thường xuyên|cả năm|liên tục)\b", re.IGNORECASE)
_RECURRING = re.compile(
    rf"^\s*(?P<every>{_EVERY}|(?:định kỳ\s+)?(?:6|06|sáu)\s+tháng)\b", re.IGNORECASE
)


def cadences_in(text: str) -> tuple[Cadence, ...]:
    """The cadences *text* names, in order, each once (``hằng quý, 6 tháng, một năm``)."""
    found: list[Cadence] = []
    folded = fold(text)
    words = sorted(
        ((fold(word), cadence) for word, cadence in vietnamese_words(Cadence).items()),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    taken = [False] * len(folded)
    hits: list[tuple[int, Cadence]] = []
    for word, cadence in words:
        if not isinstance(cadence, Cadence):
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            if any(taken[match.start() : match.end()]):
                continue
            for index in range(match.start(), match.end()):
                taken[index] = True
            hits.append((match.start(), cadence))
    for _, cadence in sorted(hits, key=lambda hit: hit[0]):
        if cadence not in found:
            found.append(cadence)
    return tuple(found)


def schedule_phrases(text: str, year: int | None) -> list[Found]:
    """The schedules *text* words: quotas, reports, dates, quarters, continuous duties."""
    found: list[Found] = []
    for match in _QUOTA.finditer(text):
        cadences = cadences_in(match["every"])
        if cadences:
            found.append(_quota(match, cadences))
    for match in _PER.finditer(text):
        if not any(f.span[0] <= match.start() < f.span[1] for f in found):
            per = {"tháng": Cadence.MONTHLY, "quý": Cadence.QUARTERLY, "năm": Cadence.YEARLY}
            found.append(_quota(match, (per[match["per"].lower()],)))
    for match in _REPORT.finditer(text):
        lead = match["lead"] or ""
        periodic = lead or re.search(r"\bđịnh\s+kỳ\b", text[: match.start()], re.IGNORECASE)
        sent = match["verb"].lower() == "gửi" or _BEFORE_DATE.search(text, match.end())
        if not periodic and not sent:
            continue  # "báo cáo ... về X" alone is a subject, not a report due
        start = match.start("lead") if match["lead"] else match.start("report")
        found.append(
            Found(
                "report",
                (start, match.end()),
                {"cadences": cadences_in(lead), "to": match["to"].strip()},
            )
        )
    for match in _BEFORE_DATE.finditer(text):
        written = match["year"]
        when = int(written) if written else year
        if when is None:
            continue
        try:
            due = dt.date(when, int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        bound = "before" if fold(match["bound"]).startswith(("truoc", "hoan")) else "by"
        found.append(
            Found(
                "due",
                match.span(),
                {"due": due, "bound": bound, "year_from_plan": not written},
            )
        )
    if (continuous := _CONTINUOUS.match(text)) is not None and not found:
        found.append(Found("continuous", continuous.span()))
    if (recurring := _RECURRING.match(text)) is not None and not found:
        cadences = cadences_in(recurring["every"])
        if cadences:
            found.append(Found("recurring", recurring.span(), {"cadences": cadences}))
    return found


def _quota(match: re.Match[str], cadences: tuple[Cadence, ...]) -> Found:
    what = match["what"].strip(" ,")
    return Found(
        "quota",
        (match.start(), match.end("what") - (len(match["what"]) - len(match["what"].rstrip(" ,")))),
        {"cadences": cadences, "count": int(match["count"]), "what": what},
    )


def quarter_period(text: str) -> tuple[dt.date, dt.date, tuple[int, int]] | None:
    """The quarter *text* names (``quý III/2024``): its first and last day and the span."""
    match = _QUARTER.search(text)
    if match is None:
        return None
    number = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(match["q"].upper()) or int(match["q"])
    year = int(match["year"])
    start = dt.date(year, 3 * number - 2, 1)
    end_month = 3 * number
    end = dt.date(year, end_month, 30 if end_month in (6, 9) else 31)
    return start, end, match.span()


# --- unit names ----------------------------------------------------------------------

_HEADS = (
    "Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban|Uỷ ban|UBND|Sở|Phòng|Văn phòng|Ban|Trung tâm|"
    "Bưu điện|Đài|Báo|Công an|Hội đồng|HĐND|Hội|Đoàn|Liên đoàn|LĐLĐ|Công đoàn|CĐCS|Mặt trận|"
    "MTTQ|Cục|Chi cục|Bộ|Thanh tra|Kho bạc|Bảo hiểm|Viện|Trường|Tỉnh ủy|Tỉnh uỷ|Thành ủy|"
    "Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Đảng ủy|Huyện đoàn|Thành đoàn|Tỉnh đoàn|BCH|"
    "Chi nhánh|Ngân hàng|Công ty"
)
_HEAD = re.compile(rf"(?:các\s+)?(?:{_HEADS})(?!\w)")
_CONTINUE = frozenset(
    [
        "và",
        "-",
        "&",
        "nhân",
        "dân",
        "cơ",
        "sở",
        "lao",
        "động",
        "tỉnh",
        "thành",
        "phố",
        "huyện",
        "quận",
        "xã",
        "phường",
        "thị",
        "trấn",
        "các",
        "cấp",
        "chính",
        "trị",
        "xã",
        "hội",
        "ngành",
        "đoàn",
        "thể",
    ]
)
_PLACE_WORDS = frozenset(["tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị", "trấn"])
_WORD = re.compile(r"\s*(?P<word>[^\s,;:.()]+)")


def unit_name_at(text: str, start: int) -> tuple[int, int] | None:
    """The span of the unit name that starts at *start* (``Sở Thông tin và Truyền thông``)."""
    head = _HEAD.match(text, start)
    if head is None:
        return None
    end = head.end()
    position = end
    capital = True
    placed = False
    while (match := _WORD.match(text, position)) is not None:
        word = match["word"]
        # "Phòng Nội vụ", "Phòng Tư pháp": a name's compounds capitalise their first syllable;
        # a place's name ("thành phố Lạng Sơn") is capitalised whole, so none follows it.
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in _CONTINUE or capital):
            break
        if word.lower() in _PLACE_WORDS:
            placed = True
        capital = word[0].isupper() and not placed
        if word.lower() == "và":
            following = _WORD.match(text, match.end())
            if following is None or not following["word"][0].isupper():
                break
        position = match.end()
        if word.lower() not in ("và", "-", "&"):
            end = position
    return start, end


def split_names(text: str) -> list[tuple[int, int, str]]:
    """The unit names of a list (``Phòng Nội vụ, Văn hóa và Thông tin``): span and implied head.

    A name after a comma that has no head of its own shares the head of the one before it
    ("Phòng Nội vụ, Văn hóa và Thông tin" names Phòng Văn hóa và Thông tin too): the third
    value is that head (``Phòng``), empty when the name has its own.
    """
    spans: list[tuple[int, int, str]] = []
    position = 0
    head = ""
    while position < len(text):
        while position < len(text) and text[position] in " ,;\n":
            position += 1
        if text.startswith("và ", position):
            position += 3
        span = unit_name_at(text, position)
        implied = ""
        if span is None and spans and head and text[position : position + 1].isupper():
            span = unit_name_at(f"{head} {text[position:]}", 0)
            if span is not None:
                span = (position, position + span[1] - len(head) - 1)
                implied = head
        if span is None or span[1] <= span[0]:
            break
        if not implied:
            found = _HEAD.match(text, position)
            head = found.group().removeprefix("các ").strip() if found else ""
        spans.append((span[0], span[1], implied))
        position = span[1]
        if (
            position < len(text)
            and text[position] not in ",;"
            and not text.startswith(" và ", position)
        ):
            break
    return spans


_LEADS = re.compile(
    rf"(?P<lead>(?:{_HEADS})[^,.;]*?)\s+(?:chủ trì|là cơ quan chủ trì)",
    re.IGNORECASE,
)
_WITH = re.compile(r"phối hợp(?:\s+chặt chẽ)?\s+với\s+", re.IGNORECASE)


def lead_name(text: str) -> tuple[int, int] | None:
    """The span of the unit a ``X chủ trì, ...`` sentence names as the lead."""
    match = _LEADS.search(text)
    if match is None:
        return None
    span = unit_name_at(text, match.start("lead"))
    return span if span is not None and span[1] <= match.end("lead") + 1 else None


def cooperating_names(text: str) -> list[tuple[int, int, str]]:
    """The units a ``phối hợp với X, Y`` phrase names (see :func:`split_names`); none if vague."""
    spans: list[tuple[int, int, str]] = []
    for match in _WITH.finditer(text):
        for start, end, head in split_names(text[match.end() :]):
            spans.append((match.end() + start, match.end() + end, head))
    return spans
