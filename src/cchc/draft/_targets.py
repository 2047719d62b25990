"""The targets (*chỉ tiêu*) and the forms of communication (*hình thức*) an item states.

Each reader gives what it found with its span in the item's text, so that the draft's
provenance points at the words; the wordings are those Vietnamese administrative plans use
("100% cơ quan, đơn vị ...", "phấn đấu ... đạt 95%", "ít nhất 2 lần/năm"; "thông qua các
hội nghị ...; qua mạng xã hội ...").
"""

from __future__ import annotations

import re

from cchc.draft._phrases import Found
from cchc.text._normal import fold
from cchc.text._vocab import Cadence, ChannelKind, Comparator, Measure, vietnamese_words

__all__ = ["channel_kind", "channel_pieces", "indicators_in"]


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
