"""Text that remembers where each of its characters came from.

Every stage that rewrites an ad (HTML stripping, boilerplate removal, abbreviation expansion) produces a
``MappedText``: the new string plus segments tying its positions to the previous stage. Extractors work on
the last stage and report spans in the ORIGINAL input through ``to_source``, so an officer can see exactly
which words a fact came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the derived text: ``[start, end)`` here came from ``[source_start, source_end)`` there.

    ``exact`` segments are verbatim copies (same length): positions inside map one to one. Other
    segments are rewrites (an expansion, an inserted line break): any position inside maps to the whole
    source run, which for an insertion is empty.
    """

    start: int
    end: int
    source_start: int
    source_end: int
    exact: bool


class MappedText:
    """A derived string with its segments, optionally chained to the stage it was derived from."""

    __slots__ = ("_chain_identity", "_identity", "_starts", "parent", "segments", "source_length", "text")

    def __init__(
        self, text: str, segments: list[Segment], source_length: int, parent: MappedText | None = None
    ) -> None:
        self.text = text
        self.segments = segments
        self.source_length = source_length
        self.parent = parent
        self._starts = [segment.start for segment in segments]
        # One verbatim segment over the whole source (most ads: no HTML, nothing removed, nothing expanded):
        # positions map to themselves, so span look-ups skip the segment search.
        n = len(text)
        self._identity = n == source_length and (
            not segments
            if n == 0
            else len(segments) == 1
            and segments[0].exact
            and segments[0].start == 0
            and segments[0].source_start == 0
            and segments[0].end == n
            and segments[0].source_end == n
        )
        # Identity through every stage (known once here, so ``to_source`` need not walk the chain).
        self._chain_identity: bool = self._identity and (parent is None or parent._chain_identity)

    @classmethod
    def identity(cls, text: str) -> MappedText:
        segments = [Segment(0, len(text), 0, len(text), True)] if text else []
        return cls(text, segments, len(text))

    @property
    def is_identity(self) -> bool:
        """Whether every position maps to the same position of the original input (through every stage)."""
        return self._chain_identity

    def _segment_at(self, position: int) -> Segment | None:
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        return self.segments[index]

    def _to_parent(self, start: int, end: int) -> Span:
        if not self.segments:
            return (0, 0)
        if self._identity:
            length = len(self.text)
            start = max(0, min(start, length))
            return (start, max(start, min(end, length)))
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        first = self._segment_at(start)
        if first is None:
            first = self.segments[0]
        if first.exact:
            source_start = first.source_start + min(
                start - first.start, first.source_end - first.source_start
            )
        else:
            source_start = first.source_start
        if end == start:
            return (source_start, source_start)
        last = self._segment_at(end - 1)
        if last is None:
            last = self.segments[0]
        if last.exact:
            source_end = last.source_start + min(end - last.start, last.source_end - last.source_start)
        else:
            source_end = last.source_end
        source_end = max(source_start, source_end)
        return (source_start, min(source_end, self.source_length))

    def to_source(self, start: int, end: int) -> Span:
        """The span of the original input (through every earlier stage) that ``[start, end)`` came from."""
        if self._chain_identity:  # most ads: the span is the same span, clipped to the text
            length = len(self.text)
            start = max(0, min(start, length))
            return (start, max(start, min(end, length)))
        stage: MappedText | None = self
        span = (start, end)
        while stage is not None:
            span = stage._to_parent(*span)
            stage = stage.parent
        return span


class MappedBuilder:
    """Builds a ``MappedText`` piece by piece; adjacent exact copies are merged into one segment."""

    __slots__ = ("_length", "_parts", "_segments", "_source_length")

    def __init__(self, source_length: int) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0
        self._source_length = source_length

    def copy(self, text: str, source_start: int) -> None:
        """Append ``text`` copied verbatim from ``source_start`` of the source."""
        if not text:
            return
        n = len(text)
        last = self._segments[-1] if self._segments else None
        if last is not None and last.exact and last.end == self._length and last.source_end == source_start:
            self._segments[-1] = Segment(
                last.start, last.end + n, last.source_start, last.source_end + n, True
            )
        else:
            self._segments.append(
                Segment(self._length, self._length + n, source_start, source_start + n, True)
            )
        self._parts.append(text)
        self._length += n

    def replace(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text`` that stands for the source run ``[source_start, source_end)``."""
        if not text:
            return
        n = len(text)
        self._segments.append(Segment(self._length, self._length + n, source_start, source_end, False))
        self._parts.append(text)
        self._length += n

    def build(self, parent: MappedText | None = None) -> MappedText:
        return MappedText("".join(self._parts), self._segments, self._source_length, parent)
