"""Closed vocabularies of the domain, each an Enum with one table from Vietnamese words.

Values (``"plan"``, ``"quarterly"`` ...) are what plan files store.  The Vietnamese
tables serve readers of published text: :func:`from_vietnamese` looks a word up
diacritics- and case-insensitively and reports an unknown word instead of passing it
through.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

from cchc._faces import rehome
from cchc.exceptions import ParseError
from cchc.text._normal import fold

__all__ = [
    "Anchor",
    "Bound",
    "Cadence",
    "ChannelKind",
    "Comparator",
    "DocumentKind",
    "Level",
    "Measure",
    "PlanStatus",
    "ReformArea",
    "Relation",
    "ScheduleKind",
    "TaskKind",
    "from_vietnamese",
]


class _Term(enum.Enum):
    """A closed vocabulary, hashed as the singleton each member is."""

    # Members are equal only to themselves, so hashing by identity (in C) agrees with
    # equality, where Enum hashes the member's name in Python: the calendar and coverage
    # look terms up in dicts hundreds of thousands of times a corpus.
    __hash__ = object.__hash__


class DocumentKind(_Term):
    """The kind of an administrative document (Nghị định 30/2020/NĐ-CP, Điều 7 and Phụ lục III)."""

    RESOLUTION = "resolution"
    DECISION = "decision"
    DIRECTIVE = "directive"
    REGULATION = "regulation"
    RULES = "rules"
    COMMUNIQUE = "communique"
    NOTICE = "notice"
    GUIDANCE = "guidance"
    PROGRAMME = "programme"
    PLAN = "plan"
    OPTION = "option"
    SCHEME = "scheme"
    PROJECT = "project"
    REPORT = "report"
    MINUTES = "minutes"
    SUBMISSION = "submission"
    CONTRACT = "contract"
    DISPATCH = "dispatch"
    MEMORANDUM = "memorandum"
    AGREEMENT = "agreement"
    AUTHORISATION = "authorisation"
    INVITATION = "invitation"
    INTRODUCTION = "introduction"
    LEAVE = "leave"
    SENDING_SLIP = "sending_slip"
    TRANSFER_SLIP = "transfer_slip"
    NOTE_SLIP = "note_slip"
    LETTER = "letter"
    DECREE = "decree"
    CIRCULAR = "circular"
    LAW = "law"
    ORDINANCE = "ordinance"
    CONCLUSION = "conclusion"

    @property
    def abbreviation(self) -> str | None:
        """The type abbreviation printed in document numbers, or None (a công văn has none)."""
        return _KIND_ABBREVIATION.get(self)

    @property
    def vietnamese(self) -> str:
        """The Vietnamese name of the kind, capitalised as in a citation (``Kế hoạch``)."""
        return _KIND_WORDS[self][0]

    @classmethod
    def from_abbreviation(cls, abbreviation: str) -> DocumentKind | None:
        """The kind whose type abbreviation is *abbreviation* (exact, case-sensitive), or None."""
        return _ABBREVIATION_KIND.get(abbreviation)


# Phụ lục III, Nghị định 30/2020/NĐ-CP: type abbreviations of administrative documents.
# NĐ, TT, QH-laws and party documents follow the Law on legal normative documents
# (80/2015/QH13) and Hướng dẫn 36-HD/VPTW (2018); pre-2020 codes GN, TTh, UQ, NP are kept
# so that old numbers still parse.
_KIND_ABBREVIATION: dict[DocumentKind, str] = {
    DocumentKind.RESOLUTION: "NQ",
    DocumentKind.DECISION: "QĐ",
    DocumentKind.DIRECTIVE: "CT",
    DocumentKind.REGULATION: "QC",
    DocumentKind.RULES: "QyĐ",
    DocumentKind.COMMUNIQUE: "TC",
    DocumentKind.NOTICE: "TB",
    DocumentKind.GUIDANCE: "HD",
    DocumentKind.PROGRAMME: "CTr",
    DocumentKind.PLAN: "KH",
    DocumentKind.OPTION: "PA",
    DocumentKind.SCHEME: "ĐA",
    DocumentKind.PROJECT: "DA",
    DocumentKind.REPORT: "BC",
    DocumentKind.MINUTES: "BB",
    DocumentKind.SUBMISSION: "TTr",
    DocumentKind.CONTRACT: "HĐ",
    DocumentKind.DISPATCH: "CĐ",
    DocumentKind.MEMORANDUM: "BGN",
    DocumentKind.AGREEMENT: "BTT",
    DocumentKind.AUTHORISATION: "GUQ",
    DocumentKind.INVITATION: "GM",
    DocumentKind.INTRODUCTION: "GGT",
    DocumentKind.LEAVE: "GNP",
    DocumentKind.SENDING_SLIP: "PG",
    DocumentKind.TRANSFER_SLIP: "PC",
    DocumentKind.NOTE_SLIP: "PB",
    DocumentKind.DECREE: "NĐ",
    DocumentKind.CIRCULAR: "TT",
    DocumentKind.CONCLUSION: "KL",
}
_ABBREVIATION_KIND: dict[str, DocumentKind] = {v: k for k, v in _KIND_ABBREVIATION.items()} | {
    "CV": DocumentKind.LETTER,  # party công văn carry a code (Hướng dẫn 36-HD/VPTW)
    "GN": DocumentKind.MINUTES,  # pre-2020 giấy nhận
    "TTh": DocumentKind.SUBMISSION,
    "UQ": DocumentKind.AUTHORISATION,
    "NP": DocumentKind.LEAVE,
}

_KIND_WORDS: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.RESOLUTION: ("Nghị quyết",),
    DocumentKind.DECISION: ("Quyết định",),
    DocumentKind.DIRECTIVE: ("Chỉ thị",),
    DocumentKind.REGULATION: ("Quy chế",),
    DocumentKind.RULES: ("Quy định",),
    DocumentKind.COMMUNIQUE: ("Thông cáo",),
    DocumentKind.NOTICE: ("Thông báo",),
    DocumentKind.GUIDANCE: ("Hướng dẫn",),
    DocumentKind.PROGRAMME: ("Chương trình",),
    DocumentKind.PLAN: ("Kế hoạch",),
    DocumentKind.OPTION: ("Phương án",),
    DocumentKind.SCHEME: ("Đề án",),
    DocumentKind.PROJECT: ("Dự án",),
    DocumentKind.REPORT: ("Báo cáo",),
    DocumentKind.MINUTES: ("Biên bản",),
    DocumentKind.SUBMISSION: ("Tờ trình",),
    DocumentKind.CONTRACT: ("Hợp đồng",),
    DocumentKind.DISPATCH: ("Công điện",),
    DocumentKind.MEMORANDUM: ("Bản ghi nhớ",),
    DocumentKind.AGREEMENT: ("Bản thỏa thuận", "Bản thoả thuận"),
    DocumentKind.AUTHORISATION: ("Giấy ủy quyền", "Giấy uỷ quyền"),
    DocumentKind.INVITATION: ("Giấy mời",),
    DocumentKind.INTRODUCTION: ("Giấy giới thiệu",),
    DocumentKind.LEAVE: ("Giấy nghỉ phép",),
    DocumentKind.SENDING_SLIP: ("Phiếu gửi",),
    DocumentKind.TRANSFER_SLIP: ("Phiếu chuyển",),
    DocumentKind.NOTE_SLIP: ("Phiếu báo",),
    DocumentKind.LETTER: ("Công văn",),
    DocumentKind.DECREE: ("Nghị định",),
    DocumentKind.CIRCULAR: ("Thông tư",),
    DocumentKind.LAW: ("Luật", "Bộ luật"),
    DocumentKind.ORDINANCE: ("Pháp lệnh",),
    DocumentKind.CONCLUSION: ("Kết luận",),
}


class Level(_Term):
    """The level of government a unit belongs to (Luật Tổ chức chính quyền địa phương).

    Until 30 June 2025 there were four levels; from 1 July 2025 districts ended and
    communes sit directly below provinces, so a unit's validity dates, not this enum,
    say when a level applies.
    """

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def rank(self) -> int:
        """0 for the centre, growing downwards: a lower rank is a higher level."""
        return list(Level).index(self)


class Cadence(_Term):
    """How often something recurs: the periods of Nghị định 09/2019/NĐ-CP, Điều 12."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    NINE_MONTHLY = "nine_monthly"
    YEARLY = "yearly"
    FIRST_HALF = "first_half"
    """Only the first half of each year (*6 tháng đầu năm*): the yearly report stands for
    the second, so no second-half report is made up."""

    @property
    def months(self) -> int:
        """The length of one period in months."""
        return _CADENCE_MONTHS[self]


_CADENCE_MONTHS = {
    Cadence.MONTHLY: 1,
    Cadence.QUARTERLY: 3,
    Cadence.HALF_YEARLY: 6,
    Cadence.NINE_MONTHLY: 9,
    Cadence.YEARLY: 12,
    Cadence.FIRST_HALF: 6,
}


class ReformArea(_Term):
    """The six areas of administrative reform of Nghị quyết 76/NQ-CP (15/7/2021), Mục II."""

    INSTITUTIONS = "institutions"
    PROCEDURES = "procedures"
    APPARATUS = "apparatus"
    CIVIL_SERVICE = "civil_service"
    PUBLIC_FINANCE = "public_finance"
    DIGITAL_GOVERNMENT = "digital_government"


class ChannelKind(_Term):
    """Forms of communication named in the Hình thức sections of CCHC plans."""

    MEETING = "meeting"
    TRAINING = "training"
    PRESS = "press"
    BROADCAST = "broadcast"
    LOUDSPEAKER = "loudspeaker"
    PORTAL = "portal"
    SOCIAL_MEDIA = "social_media"
    PRINT = "print"
    VISUAL = "visual"
    CONTEST = "contest"
    DIALOGUE = "dialogue"
    MOBILE = "mobile"
    ORAL = "oral"
    POSTING = "posting"
    ORGANISATIONS = "organisations"
    COLLABORATORS = "collaborators"
    OTHER = "other"


class PlanStatus(_Term):
    """How much of a document cchc knows."""

    DRAFT = "draft"
    ISSUED = "issued"
    CITED = "cited"
    """Known only from a citation in another document."""


class Relation(_Term):
    """How one document cites another."""

    BASIS = "basis"
    """*Căn cứ*: cited as a legal basis."""
    IMPLEMENTS = "implements"
    """*Thực hiện* / *Triển khai*: the cited document is a parent this one carries out."""


class Comparator(_Term):
    """How an indicator compares its measured value with its target."""

    AT_LEAST = "at_least"
    EXACTLY = "exactly"
    AT_MOST = "at_most"


class Measure(_Term):
    """What an indicator's value counts."""

    PERCENT = "percent"
    COUNT = "count"
    TIMES = "times"


class ScheduleKind(_Term):
    """The shape of a task's schedule."""

    DUE = "due"
    """Once, by a fixed date."""
    RECURRING = "recurring"
    """Every period, on a given day or at its start or end."""
    QUOTA = "quota"
    """At least N times within every period (``ít nhất 01 tin, bài`` each month)."""
    REPORT = "report"
    """A periodic report with its data cut-off window and sending deadline."""
    CONTINUOUS = "continuous"
    """Throughout the plan's period (``thường xuyên``, ``cả năm``, ``trong năm 2024``): a
    time the document does state, with no date of its own."""


class TaskKind(_Term):
    """Which part of a plan a task comes from."""

    CONTENT = "content"
    """A content item (*nội dung*): what must be communicated or done."""
    DUTY = "duty"
    """A duty of a named unit in the implementation section (*tổ chức thực hiện*)."""


class Anchor(_Term):
    """Where in its period a recurring date falls."""

    START = "start"
    END = "end"
    DAY = "day"
    """On the given day of the period's last month."""
    FOLLOWING_DAY = "following_day"
    """By the given day of the month after the period (``trước ngày 05 tháng sau``)."""


class Bound(_Term):
    """How the wording of a deadline bounds it: by the day written, or before it."""

    BY = "by"
    """The day written is the last day (``chậm nhất ngày 20``, ``đến hết ngày 20``)."""
    BEFORE = "before"
    """The day written is not part of the time (``trước ngày 20``): read as ending the day
    before it unless told otherwise (:class:`cchc.calendar.Reading`)."""


_WORDS: dict[type[enum.Enum], Mapping[str, enum.Enum]] = {
    DocumentKind: {w: k for k, ws in _KIND_WORDS.items() for w in ws},
    Level: {
        "trung ương": Level.CENTRAL,
        "tỉnh": Level.PROVINCE,
        "thành phố trực thuộc trung ương": Level.PROVINCE,
        "huyện": Level.DISTRICT,
        "quận": Level.DISTRICT,
        "thị xã": Level.DISTRICT,
        "thành phố thuộc tỉnh": Level.DISTRICT,
        "xã": Level.COMMUNE,
        "phường": Level.COMMUNE,
        "thị trấn": Level.COMMUNE,
        "đặc khu": Level.COMMUNE,
    },
    # Wordings of periods in the seeds and in Nghị định 09/2019/NĐ-CP.
    Cadence: {
        "hằng tháng": Cadence.MONTHLY,
        "hàng tháng": Cadence.MONTHLY,
        "tháng": Cadence.MONTHLY,
        "hằng quý": Cadence.QUARTERLY,
        "hàng quý": Cadence.QUARTERLY,
        "quý": Cadence.QUARTERLY,
        "6 tháng đầu năm": Cadence.FIRST_HALF,
        "sáu tháng đầu năm": Cadence.FIRST_HALF,
        "06 tháng đầu năm": Cadence.FIRST_HALF,
        "6 tháng": Cadence.HALF_YEARLY,
        "sáu tháng": Cadence.HALF_YEARLY,
        "06 tháng": Cadence.HALF_YEARLY,
        "9 tháng": Cadence.NINE_MONTHLY,
        "chín tháng": Cadence.NINE_MONTHLY,
        "09 tháng": Cadence.NINE_MONTHLY,
        "hằng năm": Cadence.YEARLY,
        "hàng năm": Cadence.YEARLY,
        "một năm": Cadence.YEARLY,
        "năm": Cadence.YEARLY,
    },
    # Nghị quyết 76/NQ-CP, Mục II: the six areas, with the short names plans use.
    ReformArea: {
        "cải cách thể chế": ReformArea.INSTITUTIONS,
        "cải cách thủ tục hành chính": ReformArea.PROCEDURES,
        "cải cách tổ chức bộ máy hành chính nhà nước": ReformArea.APPARATUS,
        "cải cách tổ chức bộ máy": ReformArea.APPARATUS,
        "cải cách chế độ công vụ": ReformArea.CIVIL_SERVICE,
        "cải cách chế độ công vụ, công chức": ReformArea.CIVIL_SERVICE,
        "cải cách tài chính công": ReformArea.PUBLIC_FINANCE,
        "xây dựng và phát triển chính phủ điện tử, chính phủ số": ReformArea.DIGITAL_GOVERNMENT,
        "xây dựng và phát triển chính quyền điện tử, chính quyền số": ReformArea.DIGITAL_GOVERNMENT,
        "xây dựng và phát triển chính quyền điện tử và chính quyền số": (
            ReformArea.DIGITAL_GOVERNMENT
        ),
        "chính quyền điện tử": ReformArea.DIGITAL_GOVERNMENT,
    },
    ChannelKind: {
        "hội nghị": ChannelKind.MEETING,
        "cuộc họp": ChannelKind.MEETING,
        "giao ban": ChannelKind.MEETING,
        "tập huấn": ChannelKind.TRAINING,
        "bồi dưỡng": ChannelKind.TRAINING,
        "báo chí": ChannelKind.PRESS,
        "cơ quan truyền thông": ChannelKind.PRESS,
        "truyền hình": ChannelKind.BROADCAST,
        "phát thanh": ChannelKind.BROADCAST,
        "loa truyền thanh": ChannelKind.LOUDSPEAKER,
        "truyền thanh": ChannelKind.LOUDSPEAKER,
        "cổng thông tin điện tử": ChannelKind.PORTAL,
        "trang thông tin điện tử": ChannelKind.PORTAL,
        "mạng xã hội": ChannelKind.SOCIAL_MEDIA,
        "zalo": ChannelKind.SOCIAL_MEDIA,
        "facebook": ChannelKind.SOCIAL_MEDIA,
        "fanpage": ChannelKind.SOCIAL_MEDIA,
        "ấn phẩm": ChannelKind.PRINT,
        "sổ tay": ChannelKind.PRINT,
        "tờ rơi": ChannelKind.PRINT,
        "tờ rời": ChannelKind.PRINT,
        "tài liệu": ChannelKind.PRINT,
        "panô": ChannelKind.VISUAL,
        "pa nô": ChannelKind.VISUAL,
        "áp phích": ChannelKind.VISUAL,
        "băng rôn": ChannelKind.VISUAL,
        "trực quan": ChannelKind.VISUAL,
        "cuộc thi": ChannelKind.CONTEST,
        "hội thi": ChannelKind.CONTEST,
        "đối thoại": ChannelKind.DIALOGUE,
        "tọa đàm": ChannelKind.DIALOGUE,
        "toạ đàm": ChannelKind.DIALOGUE,
        "lưu động": ChannelKind.MOBILE,
        "tuyên truyền miệng": ChannelKind.ORAL,
        "niêm yết": ChannelKind.POSTING,
        "sinh hoạt": ChannelKind.ORGANISATIONS,
        "cộng tác viên": ChannelKind.COLLABORATORS,
    },
    Comparator: {
        "ít nhất": Comparator.AT_LEAST,
        "tối thiểu": Comparator.AT_LEAST,
        "không ít hơn": Comparator.AT_LEAST,
        "trên": Comparator.AT_LEAST,
        "đạt": Comparator.EXACTLY,
        "tối đa": Comparator.AT_MOST,
        "không quá": Comparator.AT_MOST,
        "dưới": Comparator.AT_MOST,
    },
}

_FOLDED: dict[type[enum.Enum], dict[str, enum.Enum]] = {
    vocabulary: {fold(word): member for word, member in table.items()}
    for vocabulary, table in _WORDS.items()
}

E = TypeVar("E", bound=enum.Enum)


def from_vietnamese(vocabulary: type[E], word: str) -> E:
    """Look up the member of *vocabulary* that the Vietnamese *word* names.

    Matching ignores case and diacritics.  An unknown word raises :class:`ParseError`
    listing what the vocabulary knows, so it is never passed through as a string.
    """
    table = _FOLDED.get(vocabulary)
    if table is None:
        raise ParseError(vocabulary.__name__, word, "a vocabulary with Vietnamese words")
    member = table.get(fold(word))
    if member is None:
        known = ", ".join(sorted(_WORDS[vocabulary]))
        raise ParseError(vocabulary.__name__, word, f"one of: {known}")
    assert isinstance(member, vocabulary)
    return member


def vietnamese_words(vocabulary: type[enum.Enum]) -> Mapping[str, enum.Enum]:
    """The table of Vietnamese words of *vocabulary* (word as written -> member)."""
    return _WORDS.get(vocabulary, {})


# Users import these from their public face; they say so in their __module__.
rehome(
    "cchc",
    Anchor,
    Bound,
    Cadence,
    ChannelKind,
    Comparator,
    DocumentKind,
    Level,
    Measure,
    PlanStatus,
    ReformArea,
    Relation,
    ScheduleKind,
    TaskKind,
)
