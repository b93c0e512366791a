"""Character ranges already used, with an overlap test in logarithmic time (a list scan per mention is quadratic)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Ranges:
    """A growing set of [start, end) character ranges; ``overlaps(s, e)`` is true when some range r has
    r.start < e and s < r.end (the test of a scan over every range)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []  # disjoint ranges (overlapping ones merged), sorted: ends sorted too
        self.ends: list[int] = []
        self.empty: list[int] = []   # empty ranges, kept apart (rare)
        for s, e in ranges:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            self.empty.append(start)
            return
        lo = bisect_right(self.ends, start)   # first range ending after start
        hi = bisect_left(self.starts, end)    # first range starting at or after end
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1  # the last range starting before end
        if i >= 0 and self.ends[i] > start:
            return True
        return any(start < p < end for p in self.empty)

    def covers(self, pos: int) -> bool:
        """Whether some range r has r.start <= pos < r.end."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos
