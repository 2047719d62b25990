"""The phrases a drafted item is read from: schedules, quotas, reports, targets and unit names.

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
from cchc.text._vocab import Cadence, ChannelKind, Comparator, Measure, vietnamese_words

__all__ = [
    "Found",
    "channel_kind",
    "channel_pieces",
    "cooperating_names",
    "indicators_in",
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


# --- targets -------------------------------------------------------------------------

_TARGET = re.compile(
    r"(?P<cmp>ít nhất|tối thiểu|không ít hơn|trên|đạt|tối đa|không quá|dưới)?\s*"
    r"(?P<value>[0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%(?P<up>\s+trở lên)?\s*"
    r"(?P<scope>(?:(?![0-9]{1,3}(?:[.,][0-9]{1,2})?\s*%)[^;:.])*)",
    re.IGNORECASE,
)
_TIMES = re.compile(
    r"(?P<cmp>ít nhất|tối thiểu)\s+(?P<value>[0-9]{1,3})\s+(?:lần|cuộc)\s*/\s*"
    r"(?P<per>năm|quý|tháng)",
    re.IGNORECASE,
)
_ACTIONS = (
    "được|xây dựng|thực hiện|triển khai|tổ chức|có|đạt|công khai|áp dụng|ứng dụng|"
    "tham gia|hoàn thành|giải quyết|cung cấp|chấm điểm|sử dụng|đăng tải|cập nhật|tiếp nhận|"
    "tuyên truyền|phổ biến|hướng dẫn|quán triệt|ban hành|kiểm tra|số hóa|số hoá|thông tin"
)
_SCOPE_STOP = re.compile(
    r"\s(?:được|xây dựng|thực hiện|triển khai|tổ chức|có|đạt|công khai|áp dụng|ứng dụng|"
    r"tham gia|hoàn thành|giải quyết|cung cấp|chấm điểm|sử dụng|đăng tải|cập nhật|trong|"
    r"đối với)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:]|…|\.\.\.|\.(?=\s|$)")
"""Where a clause may end: a semicolon or colon, a full stop, an ellipsis (see :func:`_clause`)."""
_TARGET_CUE = re.compile(
    r"\b(?:phấn đấu|bảo đảm|đảm bảo)\b|\b(?:mục tiêu|chỉ tiêu)(?:\s+là)?\s+", re.IGNORECASE
)
"""What opens a target inside a longer clause: *phấn đấu*, *bảo đảm*, the words after
*mục tiêu*."""
_REACH = re.compile(rf"\svà\s+(?=(?:{_ACTIONS})\s+(?:tới|đến|cho)\s*$)", re.IGNORECASE)
"""A second verb joined by *và* that reaches the target's units ("Xây dựng hướng dẫn và triển
khai tới 100% ..."): the target is that verb's."""
_ACTION = re.compile(rf"\b(?:{_ACTIONS})\b")
_TARGET_TAIL = re.compile(r"[\s,]+(?:gắn với|nhằm|góp phần)\b", re.IGNORECASE)
"""A purpose or link that follows a target and is no part of it (*nhằm*, *gắn với*)."""
_RATE_OF = re.compile(
    r"\b(?:tỷ|tỉ) lệ\s+(?P<what>[^;:.]+?)\s+(?:đạt|từ|trên|ít nhất|tối thiểu)\s*$", re.IGNORECASE
)


def _clause(text: str, position: int) -> tuple[int, int]:
    """The span of the clause of *text* that holds *position*."""
    start = 0
    for match in _CLAUSE_END.finditer(text):
        following = text[match.end() :].lstrip()
        if match.group() in ("…", "...") and following and not following[0].isupper():
            continue  # "các hội nghị, giao ban… đến cán bộ": a pause, not a sentence's end
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            return start, match.start()
    return start, len(text)


def _opening(text: str, clause: int, value: int) -> int:
    """Where the target whose value stands at *value* starts, its clause opening at *clause*."""
    start = clause
    for cue in _TARGET_CUE.finditer(text, clause, value):
        start = cue.end() if cue.group()[-1].isspace() else cue.start()
    reach = _REACH.search(text[:value], start)
    if reach is not None:
        before = text[start : reach.start()].strip()
        # Only when what precedes "và" has an object of its own ("xây dựng Hướng dẫn"), not
        # when two verbs share the target's ("tuyên truyền và phổ biến tới 100% ...").
        if _ACTION.sub("", before[:1].lower() + before[1:]).strip(" ,-"):
            start = reach.end()
    while start < value and text[start] in " ,":
        start += 1
    return start


def indicators_in(text: str) -> list[Found]:
    """The measurable targets *text* states: ``100% các cơ quan ...``, ``ít nhất 2 lần/năm``.

    A target's words run over its clause (between semicolons, colons and full stops): from
    the clause's start, or from what opens the target inside it (*phấn đấu*, *bảo đảm*, the
    words after *mục tiêu*), to its end, short of a purpose that follows (*nhằm*, *gắn
    với*).  A second target in the same clause starts at its own value.
    """
    found: list[Found] = []
    comparators = {fold(word): value for word, value in vietnamese_words(Comparator).items()}
    matches = [m for m in _TARGET.finditer(text) if float(m["value"].replace(",", ".")) <= 100]
    subjects: dict[tuple[int, int], int] = {}
    """For each clause with a percentage, where the verb after its first scope ends."""
    for number, match in enumerate(matches):
        value = float(match["value"].replace(",", "."))
        written = match["cmp"]
        comparator = comparators.get(fold(written)) if written else Comparator.AT_LEAST
        if match["up"]:
            comparator = Comparator.AT_LEAST  # "đạt 98% trở lên": 98% or more
        clause = _clause(text, match.start("value"))
        first = start = match.start("cmp") if written else match.start("value")
        earlier = [m for m in matches[:number] if m.start("value") >= clause[0]]
        if not earlier:
            start = min(first, _opening(text, clause[0], first))
        end = clause[1]
        later = [m for m in matches[number + 1 :] if m.start("value") < clause[1]]
        if later:
            end = later[0].start("cmp") if later[0]["cmp"] else later[0].start("value")
        if (tail := _TARGET_TAIL.search(text, match.end("value"), end)) is not None:
            end = tail.start()
        end = start + len(text[start:end].rstrip(" ,…").removesuffix(" và").rstrip(" ,"))
        scope = text[match.start("scope") : max(match.start("scope"), end)]
        stop = _SCOPE_STOP.search(scope)
        if stop is not None and clause not in subjects:
            subjects[clause] = match.start("scope") + stop.end()
        scope = (scope[: stop.start()] if stop else scope).strip(" ,")
        if not scope and (rate := _RATE_OF.search(text, start, match.start("value"))):
            scope = rate["what"]  # "tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%"
        found.append(
            Found(
                "indicator",
                (start, end),
                {
                    "comparator": comparator,
                    "value": value,
                    "measure": Measure.PERCENT,
                    "scope": scope or None,
                },
            )
        )
    for match in _TIMES.finditer(text):
        per = {"năm": Cadence.YEARLY, "quý": Cadence.QUARTERLY, "tháng": Cadence.MONTHLY}
        clause = _clause(text, match.start())
        # "100% các cơ quan ... thực hiện hội nghị đối thoại ... ít nhất 2 lần/năm": the
        # times are those of the activity after the percentage's verb, not of its units.
        subject = subjects.get(clause)
        start = (
            subject
            if subject is not None and subject <= match.start()
            else _opening(text, clause[0], match.start())
        )
        while start < match.start() and text[start] in " ,":
            start += 1
        found.append(
            Found(
                "indicator",
                (start, match.end()),
                {
                    "comparator": Comparator.AT_LEAST,
                    "value": float(match["value"]),
                    "measure": Measure.TIMES,
                    "per": per[match["per"].lower()],
                },
            )
        )
    return found


# --- channels ------------------------------------------------------------------------

_MORE_CHANNEL_WORDS = {
    "tờ gấp": ChannelKind.PRINT,
    "bản tin": ChannelKind.PRINT,
    "khẩu hiệu": ChannelKind.VISUAL,
    "thông tin đại chúng": ChannelKind.PRESS,
    "chuyên trang": ChannelKind.PORTAL,
    "website": ChannelKind.PORTAL,
    "trang web": ChannelKind.PORTAL,
    "hội diễn": ChannelKind.CONTEST,
}
"""Forms plans name that the vocabulary's words do not cover (``tờ gấp``, ``chuyên trang``)."""
_CHANNEL_WORDS = sorted(
    (
        (fold(word), kind)
        for word, kind in [*vietnamese_words(ChannelKind).items(), *_MORE_CHANNEL_WORDS.items()]
    ),
    key=lambda pair: -len(pair[0]),
)


def channel_kind(text: str) -> ChannelKind:
    """The kind of the first form of communication *text* names; ``other`` when none."""
    folded = fold(text)
    best: tuple[int, ChannelKind] | None = None
    for word, kind in _CHANNEL_WORDS:
        position = folded.find(word)
        if position >= 0 and isinstance(kind, ChannelKind) and (best is None or position < best[0]):
            best = (position, kind)
    return best[1] if best is not None else ChannelKind.OTHER


_OR_THROUGH = re.compile(r"\s+hoặc\s+(?=(?:thông\s+)?qua\b|bằng\b|trên\b)", re.IGNORECASE)
"""``... tờ rời hoặc qua mạng xã hội``: *hoặc* before *qua*, *bằng*, *trên* opens another form."""
_NEW_SENTENCE = re.compile(r"\s*(?:…|\.\.\.)\s*(?=[^\W\d_])")
_NEXT_FORM = re.compile(r",\s+(?=các\s)", re.IGNORECASE)


def channel_pieces(text: str) -> list[tuple[int, int]]:
    """The spans of the forms an unnumbered *Hình thức* sentence lists, one per form.

    Forms are separated by semicolons; within a part, *hoặc* before *qua* / *bằng* /
    *trên* starts another form, so does an ellipsis before a capital (a new sentence),
    and so does ``, các <form>`` naming a form of another kind than the one before
    ("các cuộc thi tìm hiểu, các lớp tập huấn"): a comma alone lists the parts of one form
    ("các hội nghị, cuộc họp, giao ban").
    """
    cuts: list[tuple[int, int]] = []
    for match in re.finditer(";", text):
        cuts.append(match.span())
    for match in _OR_THROUGH.finditer(text):
        cuts.append(match.span())
    for match in _NEW_SENTENCE.finditer(text):
        if text[match.end()].isupper():
            cuts.append(match.span())
    pieces: list[tuple[int, int]] = []
    position = 0
    for start, end in [*sorted(cuts), (len(text), len(text))]:
        if start < position:
            continue
        pieces.extend(_by_kind(text, position, start))
        position = end
    return [
        (start + len(text[start:end]) - len(text[start:end].lstrip()), start + len(piece))
        for start, end in pieces
        if (piece := text[start:end].rstrip(" .,…")).strip()
    ]


def _by_kind(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The part *start*-*end* cut at each ``, các`` that opens a form of another kind."""
    pieces: list[tuple[int, int]] = []
    kind = channel_kind(text[start:end])
    for match in _NEXT_FORM.finditer(text, start, end):
        following = channel_kind(text[match.end() : end])
        opening = channel_kind(" ".join(text[match.end() : end].split()[:4]))
        if kind is not ChannelKind.OTHER and opening not in (ChannelKind.OTHER, kind):
            pieces.append((start, match.start()))
            start, kind = match.end(), following
    pieces.append((start, end))
    return pieces


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
