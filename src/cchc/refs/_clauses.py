"""How the clauses around a citation give it a relation (*Căn cứ*, *Thực hiện*).

The formula of a plan opens a clause with *Căn cứ* (the documents that follow are its
legal basis) or *Thực hiện* / *Triển khai* (those it carries out).  An opener governs
the citations of its sentence, down a list of them, until a sentence, a paragraph or the
list ends or a main clause starts: :func:`context_relation` reads that from the text
between two citations.  The clause ends it knows (:data:`DOT`, :data:`MAIN_CLAUSE`) also
end a citation's title.
"""

from __future__ import annotations

import re

from cchc.text._normal import fold
from cchc.text._vocab import Relation

__all__ = ["DOT", "MAIN_CLAUSE", "context_relation"]

# "TP. Lạng Sơn": a dot after these abbreviations does not end a phrase.
DOT = r"(?<!TP)(?<!Tp)(?<!TX)\."
"""A pattern for a dot that may end a phrase (not the one of ``TP.``, ``TX.``)."""
# Words that open a main clause ("..., UBND Thành phố ban hành ..."): a title ends before.
MAIN_CLAUSE = (
    r"UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Ban|Sở|Phòng|Văn phòng|Liên đoàn|LĐLĐ|Công đoàn|"
    r"Chủ tịch|Thành ủy|Thành uỷ|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Bộ|"
    r"Chính phủ|Thủ tướng|Trung tâm|Cục|Chi cục"
)
"""A pattern for the subjects that open a main clause after a comma."""

# Case-sensitive on purpose: the formula opens a clause with a capital ("Thực hiện Kế
# hoạch số ..."), while "triển khai thực hiện Đề án số 06" inside a sentence is content.
_OPENER = re.compile(
    r"(?<!\w)(?P<word>Căn cứ|CĂN CỨ|Thực hiện|THỰC HIỆN|Triển khai|TRIỂN KHAI)(?!\w)"
)
_OPENER_RELATION = {
    "can cu": Relation.BASIS,
    "thuc hien": Relation.IMPLEMENTS,
    "trien khai": Relation.IMPLEMENTS,
}
_OPENER_REACH = 200
_LIST_REACH = 2000
_CLAUSE_STARTS = frozenset("\n.;:(…!?")
_BULLETS = frozenset(" \t\u00a0-–—+•*·")
_BREAK = re.compile(
    rf"{DOT}(?=\s|\Z)|[!?…](?=\s|\Z)|\n[ \t\r\u00a0]*\n|,[ \t\u00a0]*(?:{MAIN_CLAUSE})(?!\w)"
)


def context_relation(
    text: str, previous_end: int, start: int, previous: Relation | None
) -> Relation | None:
    """The relation the context gives the citation at *start*.

    An opener (*Căn cứ*, *Thực hiện*, *Triển khai*) at the start of a clause governs the
    citations that follow it in the same sentence: the first one within
    :data:`_OPENER_REACH` characters, then each next one of the list ("...; Kế hoạch số
    ...") unless a sentence or paragraph ends, or a main clause starts, in between.
    """
    low = max(previous_end, start - _OPENER_REACH)
    opener: re.Match[str] | None = None
    for match in _OPENER.finditer(text, low, start):
        if _opens_clause(text, match.start()):
            opener = match
    if opener is not None:
        if _breaks(text, opener.end(), start):
            return None
        return _OPENER_RELATION[fold(opener["word"])]
    if previous is None or start - previous_end > _LIST_REACH:
        return None
    return None if _breaks(text, previous_end, start) else previous


def _opens_clause(text: str, position: int) -> bool:
    """Tell whether *position* starts a clause: after a line break, ``.``, ``;`` or a bullet."""
    index = position - 1
    floor = max(-1, position - 12)
    while index > floor and text[index] in _BULLETS:
        index -= 1
    return index < 0 or text[index] in _CLAUSE_STARTS


def _breaks(text: str, start: int, end: int) -> bool:
    """Tell whether a sentence, a paragraph or a list ends between *start* and *end*.

    A line break continues a list only after ``;``, ``,`` or ``:`` and when the next line
    opens with the citation itself (after a bullet); a line "UBND huyện ban hành Kế hoạch
    số ..." after the list starts a main clause.
    """
    if _BREAK.search(text, start, end) is not None:
        return True
    newline = text.find("\n", start, end)
    while newline >= 0:
        index = newline - 1
        while index >= max(0, newline - 12) and text[index] in " \t\r\u00a0":
            index -= 1
        if index < 0 or text[index] not in ";,:":
            return True
        following = newline + 1
        while following < end and text[following] in _BULLETS:
            following += 1
        if following < end and text.find("\n", following, end) < 0:
            return True
        newline = text.find("\n", newline + 1, end)
    return False
