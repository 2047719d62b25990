"""Similarity of Vietnamese item texts, for suggesting which child item carries a parent item.

Texts are compared on their *content words*: the NFC text has its abbreviations expanded
(``CCHC``, ``TTHC``, ``DVCTT`` ... through :data:`cchc.text._normal.ABBREVIATIONS`), is
folded (case, diacritics, ``đ`` as ``d``) and split into syllables; numbers, Vietnamese
function words and the filler every CCHC plan repeats (:data:`STOPWORDS`,
:data:`FILLER_PHRASES`) are dropped.  rapidfuzz then scores the two word lists.  Each text
is prepared once so that comparing many pairs costs one rapidfuzz call a pair: a
computation that meets the same texts again and again (coverage, a trace) keeps its own
:class:`PreparedTexts` for as long as it runs, and nothing is kept once it returns.

The matched words shown to users keep the spelling of the text they come from: a run of
adjacent matched syllables is shown as the slice of the original text (``chỉ số``,
``PAR INDEX``), an expanded abbreviation as the abbreviation (``TTHC``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import attrs

from cchc._faces import rehome
from cchc.text._normal import ABBREVIATIONS, fold, nfc

__all__ = [
    "DEFAULT_THRESHOLD",
    "FILLER_PHRASES",
    "STOPWORDS",
    "Match",
    "Prepared",
    "PreparedTexts",
    "best_match",
    "compare",
    "prepare",
    "score",
]

DEFAULT_THRESHOLD = 70.0
"""Suggest a pair from this score up (0-100).

Chosen from the precision/recall table of ``bench/bench_coverage.py`` over the labelled pairs
of ``tests/data/labelled_pairs.yaml`` (real items of the seeds): see that script's output.
"""

# Vietnamese function words (one syllable each): conjunctions, prepositions, classifiers,
# quantifiers and aspect markers that carry no theme of their own.  "một" and "số" stay:
# they make "một cửa" (one-stop shop), "chỉ số" (index) and "chuyển đổi số".
_FUNCTION_WORDS = """
    và của các cho với về trong trên tại theo để đến từ là có được những này đó như hoặc
    cùng đối việc sự nhằm qua bằng vào ra khi đã sẽ đang phải cũng mọi mỗi từng tới nhất hơn
    gắn lại thì mà nên nhưng nếu do bị rất nhiều cả toàn nơi thuộc sau trước
    giữa bên đây kể cụ thể đồng thời
"""

# Phrases every CCHC communication plan repeats in almost every item: they say that
# something is communicated or done, not what.  Matched as whole phrases, so that
# "thủ tục hành chính" keeps its "hành chính" while "cải cách hành chính" goes.
FILLER_PHRASES: tuple[str, ...] = (
    "cải cách hành chính",
    "tuyên truyền",
    "thông tin",
    "thực hiện",
    "triển khai",
    "công tác",
    "nhiệm vụ",
    "nội dung",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "nhà nước",
    "địa bàn",
    "thành phố",
    "tổ chức",
    "phổ biến",
    "nâng cao",
    "đẩy mạnh",
    "tăng cường",
    "tiếp tục",
    "tập trung",
    "tình hình",
    "quá trình",
    "liên quan",
    "cấp",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "năm",
    "tháng",
    "ngày",
    "giai đoạn",
)
"""Filler phrases of CCHC plans, as written; compared in lower case with their diacritics."""

STOPWORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split())
"""One-syllable function words dropped before scoring, compared in lower case *with* their
diacritics: folded, "đối" (towards) would also drop "đổi" (change) and "các" would drop "các"."""

_PHRASES: frozenset[tuple[str, ...]] = frozenset(tuple(p.split()) for p in FILLER_PHRASES)
_LONGEST_PHRASE = max(len(p) for p in _PHRASES)
_PHRASE_STARTS = frozenset(p[0] for p in _PHRASES)

_ABBREVIATION_PATTERN = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
_TOKEN = re.compile(
    rf"(?<!\w)(?P<abbr>{_ABBREVIATION_PATTERN})(?!\w)|(?P<word>\w+(?:[&/.-]\w+)*)", re.UNICODE
)
_EXPANDED: dict[str, tuple[tuple[str, str], ...]] = {
    a: tuple((fold(w), w) for w in full.lower().replace(",", " ").split())
    for a, full in ABBREVIATIONS.items()
}
_NUMBER = re.compile(r"[\d/.-]+")


class _Word(NamedTuple):
    """A word of a text: folded, lower-cased as written, and its span in the text."""

    folded: str
    lower: str
    start: int
    end: int
    abbreviation: bool


@attrs.frozen(kw_only=True)
class Prepared:
    """A text made ready for scoring: its content words, folded, and where they stand."""

    text: str
    """The text as written (NFC)."""
    key: str
    """The content words, folded, joined by spaces: what rapidfuzz scores."""
    words: frozenset[str]
    """The set of folded content words."""
    positions: tuple[_Word, ...] = attrs.field(repr=False)
    """Each content word with its span in :attr:`text`, in text order."""

    def shown(self, folded: Iterable[str]) -> tuple[str, ...]:
        """The words of *folded* as spelled in the text: adjacent ones joined, each once."""
        wanted = set(folded)
        runs: list[tuple[int, int]] = []
        for word in self.positions:
            if word.folded not in wanted:
                continue
            if runs:
                start, end = runs[-1]
                gap = self.text[end : word.start]
                if word.start <= end or (gap and gap.isspace() and "\n" not in gap):
                    runs[-1] = (start, max(end, word.end))
                    continue
            runs.append((word.start, word.end))
        seen: dict[str, str] = {}
        for start, end in runs:
            spelled = self.text[start:end]
            seen.setdefault(fold(spelled), spelled)
        return tuple(seen.values())


@attrs.frozen(kw_only=True)
class Match:
    """How alike two texts are: a score from 0 to 100 and the words they share."""

    score: float
    """0 (nothing shared) to 100 (the same content words)."""
    matched: tuple[str, ...]
    """The shared content words, as spelled in the first text."""


def _split(text: str) -> list[_Word]:
    words: list[_Word] = []
    for m in _TOKEN.finditer(text):
        if m.group("abbr"):
            words.extend(
                _Word(folded=f, lower=w, start=m.start(), end=m.end(), abbreviation=True)
                for f, w in _EXPANDED[m.group("abbr")]
            )
        else:
            words.append(
                _Word(
                    folded=fold(m.group("word")),
                    lower=m.group("word").lower(),
                    start=m.start(),
                    end=m.end(),
                    abbreviation=False,
                )
            )
    return words


def _content(words: list[_Word]) -> list[_Word]:
    kept: list[_Word] = []
    i = 0
    while i < len(words):
        sizes = range(min(_LONGEST_PHRASE, len(words) - i), 0, -1)
        if words[i].lower not in _PHRASE_STARTS:
            sizes = range(0)
        for size in sizes:
            if tuple(w.lower for w in words[i : i + size]) in _PHRASES:
                i += size
                break
        else:
            word = words[i]
            if word.lower not in STOPWORDS and not _NUMBER.fullmatch(word.folded):
                kept.append(word)
            i += 1
    return kept


def prepare(text: str) -> Prepared:
    """Prepare *text* for scoring; :class:`PreparedTexts` prepares each text once."""
    text = nfc(text)
    content = _content(_split(text))
    return Prepared(
        text=text,
        key=" ".join(w.folded for w in content),
        words=frozenset(w.folded for w in content),
        positions=tuple(content),
    )


class PreparedTexts:
    """The texts one computation has prepared, each once, kept as long as it holds them.

    Coverage of a corpus prepares each parent item text for every child of the parent and
    each child text for every edge: one of these, owned by the call, prepares each distinct
    text once.  It holds at most one :class:`Prepared` a distinct text the computation
    reads, texts the caller's plans already hold, and goes with the computation; no cache
    outlives a call.
    """

    def __init__(self) -> None:
        self._by_text: dict[str, Prepared] = {}

    def __call__(self, text: str) -> Prepared:
        """*text* prepared: the first time it is asked for, kept for the next."""
        found = self._by_text.get(text)
        if found is None:
            found = self._by_text[text] = prepare(text)
        return found

    def __len__(self) -> int:
        return len(self._by_text)


Scorer = Callable[..., float]


@functools.cache
def default_scorer() -> Scorer:
    """The rapidfuzz scorer, chosen on the labelled pairs (see ``bench/bench_coverage.py``).

    rapidfuzz is imported when a score is first asked for: ``validate``, ``summary`` and
    ``coverage`` without suggestions never load it.
    """
    from rapidfuzz import fuzz  # noqa: PLC0415 - see above

    scorer: Scorer = fuzz.token_set_ratio
    return scorer


def score(
    left: Prepared, right: Prepared, *, scorer: Scorer | None = None, cutoff: float = 0
) -> float:
    """The similarity of two prepared texts, 0-100; 0 when they share no content word.

    Without a shared word, rapidfuzz would still find likeness in letters ("tài chính" and
    "chính sách"), which says nothing about the theme.  *scorer* is
    :func:`default_scorer`'s unless given.
    """
    if left.words.isdisjoint(right.words):
        return 0.0
    scorer = scorer or default_scorer()
    return float(scorer(left.key, right.key, processor=None, score_cutoff=cutoff))


def compare(left: str | Prepared, right: str | Prepared, *, scorer: Scorer | None = None) -> Match:
    """Score two texts and list their shared content words in *left*'s spelling."""
    a = left if isinstance(left, Prepared) else prepare(left)
    b = right if isinstance(right, Prepared) else prepare(right)
    return Match(score=score(a, b, scorer=scorer), matched=a.shown(a.words & b.words))


def best_match(
    query: Prepared,
    choices: Sequence[Prepared],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    scorer: Scorer | None = None,
) -> tuple[int, Match] | None:
    """The index and match of the best choice scoring at least *threshold*, or None.

    Ties go to the earliest choice, so the result does not depend on anything but the order
    the caller gives (coverage passes choices sorted by id).  *scorer* is
    :func:`default_scorer`'s unless given.
    """
    # Only choices sharing a content word can score above 0; rapidfuzz scores the rest in
    # one call, keeping the first of equal scores as the loop it replaces did.
    shared = [i for i, choice in enumerate(choices) if not query.words.isdisjoint(choice.words)]
    if not shared:
        return None
    from rapidfuzz import process  # noqa: PLC0415 - as default_scorer imports it

    found = process.extractOne(
        query.key,
        [choices[i].key for i in shared],
        scorer=scorer or default_scorer(),
        processor=None,
        score_cutoff=max(threshold, 1e-9),
    )
    if found is None:
        return None
    _, value, position = found
    index = shared[position]
    matched = query.shown(query.words & choices[index].words)
    return index, Match(score=float(value), matched=matched)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.coverage", Match, Prepared)
