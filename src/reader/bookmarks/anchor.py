"""Anchoring a passage and finding it again after the text changed.

A passage is described by its offsets, its quote and some context before
and after it. Re-anchoring tries, in order of cost:

1. the stored offsets still hold the quote with its context;
2. exact occurrences of the quote, the one whose context matches best and
   which lies nearest the old offset winning;
3. an approximate match: positions voted for by pieces of the quote and of
   its context found verbatim; the ``MAX_CANDIDATES`` most voted windows and
   the ``NEARBY_CANDIDATES`` nearest the old offset are aligned
   with difflib (long quotes by their head and tail only, so the cost stays
   bounded), kept if the quote is similar enough, ranked by quote and
   context similarity together;
4. otherwise the passage is orphaned: kept with its quote, never dropped.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from reader.bookmarks.models import Anchor

CONTEXT_CHARS = 48
MIN_SIMILARITY = 0.75
MAX_OCCURRENCES = 2000
MAX_CANDIDATES = 12
#: Candidates nearest the old offset are aligned too, however few their votes: in
#: repetitive text, copies elsewhere can outvote the edited passage itself.
NEARBY_CANDIDATES = 4
SEED_PIECES = 8
MIN_SEED_CHARS = 6
LONG_QUOTE = 400
EDGE_CHARS = 160
MAX_SLACK = 200


def selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote ``text[start:end]`` with up to ``CONTEXT_CHARS`` of context each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}-{end} is not inside a text of {len(text)} characters")
    prefix = text[max(0, start - CONTEXT_CHARS) : start]
    suffix = text[end : end + CONTEXT_CHARS]
    return text[start:end], prefix, suffix


def reanchor(text: str, start: int, end: int, quote: str, prefix: str, suffix: str) -> Anchor:
    """Find the passage ``quote`` (once at ``start``-``end``) in ``text``."""
    if quote and text[start:end] == quote:
        full_context = len(prefix) + len(suffix)
        if _context_score(text, start, len(quote), prefix, suffix) == full_context:
            return Anchor(start, end)
    found = _exact(text, start, quote, prefix, suffix)
    if found is not None:
        return Anchor(found, found + len(quote))
    approx = _approximate(text, start, quote, prefix, suffix)
    if approx is not None:
        return Anchor(approx[0], approx[1], exact=False)
    return Anchor(start, end, orphaned=True, exact=False)


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _context_score(text: str, position: int, length: int, prefix: str, suffix: str) -> int:
    before = text[max(0, position - len(prefix)) : position]
    after = text[position + length : position + length + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _occurrences(text: str, needle: str, limit: int = MAX_OCCURRENCES) -> list[int]:
    positions: list[int] = []
    index = text.find(needle)
    while index != -1 and len(positions) < limit:
        positions.append(index)
        index = text.find(needle, index + 1)
    return positions


def _exact(text: str, old_start: int, quote: str, prefix: str, suffix: str) -> int | None:
    if not quote:
        return None
    positions = _occurrences(text, quote)
    if not positions:
        return None
    return max(
        positions,
        key=lambda p: (
            _context_score(text, p, len(quote), prefix, suffix),
            -abs(p - old_start),
        ),
    )


def _seeds(quote: str, prefix: str, suffix: str) -> list[tuple[str, int]]:
    """Pieces to look up verbatim, each with the offset it implies for the quote's start."""
    size = max(MIN_SEED_CHARS, len(quote) // SEED_PIECES)
    seeds: list[tuple[str, int]] = []
    for offset in range(0, max(1, len(quote) - size + 1), size):
        seeds.append((quote[offset : offset + size], offset))
    if len(quote) > size:
        seeds.append((quote[-size:], len(quote) - size))
    context = min(16, CONTEXT_CHARS)
    if len(prefix) >= MIN_SEED_CHARS:
        piece = prefix[-context:]
        seeds.append((piece, -len(piece)))
    if len(suffix) >= MIN_SEED_CHARS:
        seeds.append((suffix[:context], len(quote)))
    return [(piece, offset) for piece, offset in seeds if piece.strip()]


def _candidate_starts(text: str, quote: str, prefix: str, suffix: str) -> Counter[int]:
    """Implied start positions with their votes. Votes are pooled in buckets (edits shift
    pieces a little); each bucket is represented by its most frequent exact start."""
    bucket_size = max(4, len(quote) // 4)
    buckets: dict[int, Counter[int]] = {}
    for piece, offset in _seeds(quote, prefix, suffix):
        for position in _occurrences(text, piece, limit=50):
            implied = position - offset
            buckets.setdefault(implied // bucket_size, Counter())[implied] += 1
    votes: Counter[int] = Counter()
    for starts in buckets.values():
        votes[starts.most_common(1)[0][0]] = sum(starts.values())
    return votes


def _approximate(
    text: str, old_start: int, quote: str, prefix: str, suffix: str
) -> tuple[int, int] | None:
    """The best aligned candidate whose quote similarity passes ``MIN_SIMILARITY``.

    Candidates are ranked by the similarity of quote and context together, so a
    near-copy of the passage elsewhere (repetitive text) loses to the real one.
    """
    if not quote.strip():
        return None
    votes = _candidate_starts(text, quote, prefix, suffix)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], abs(item[0] - old_start)))
    nearby = sorted(votes, key=lambda position: abs(position - old_start))[:NEARBY_CANDIDATES]
    candidates = dict.fromkeys([position for position, _ in ranked[:MAX_CANDIDATES]] + nearby)
    best: tuple[tuple[float, int], int, int] | None = None
    for candidate in candidates:
        aligned = _align(text, candidate, quote)
        if aligned is None or aligned[2] < MIN_SIMILARITY:
            continue
        start, end, similarity = aligned
        context = _context_similarity(text, start, end, prefix, suffix)
        weight = len(quote) + len(prefix) + len(suffix)
        score = (similarity * len(quote) + context) / weight
        key = (round(score, 6), -abs(start - old_start))
        if best is None or key > best[0]:
            best = (key, start, end)
    return None if best is None else (best[1], best[2])


def _context_similarity(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around ``start``-``end`` matches the stored context, in characters."""
    total = 0.0
    if prefix:
        before = text[max(0, start - len(prefix)) : start]
        total += SequenceMatcher(None, before, prefix, autojunk=False).ratio() * len(prefix)
    if suffix:
        after = text[end : end + len(suffix)]
        total += SequenceMatcher(None, after, suffix, autojunk=False).ratio() * len(suffix)
    return total


def _align(text: str, candidate: int, quote: str) -> tuple[int, int, float] | None:
    """The span of ``text`` near ``candidate`` that matches ``quote``, and its similarity.

    Short quotes are aligned whole with difflib. Long ones (whose whole alignment
    would cost seconds) are aligned by their head and tail, and their similarity
    is the share of their pieces still present verbatim: the cost stays linear.
    """
    if len(quote) <= LONG_QUOTE:
        span = _match_span(text, candidate, quote)
        if span is None:
            return None
        start, end = span
        similarity = SequenceMatcher(None, text[start:end], quote, autojunk=False).ratio()
        return start, end, similarity
    head = _match_span(text, candidate, quote[:EDGE_CHARS])
    tail_at = candidate + len(quote) - EDGE_CHARS
    tail = _match_span(text, tail_at, quote[-EDGE_CHARS:])
    if head is None or tail is None or tail[1] <= head[0]:
        return None
    start, end = head[0], tail[1]
    return start, end, _piece_similarity(text[start:end], quote)


def _match_span(text: str, candidate: int, quote: str) -> tuple[int, int] | None:
    """Align ``quote`` in a window around ``candidate``: first to last matching character."""
    slack = min(MAX_SLACK, max(16, len(quote) // 2))
    window_start = max(0, candidate - slack)
    window = text[window_start : candidate + len(quote) + slack]
    matcher = SequenceMatcher(None, window, quote, autojunk=False)
    blocks = _trim_stray(
        [(block.a, block.size) for block in matcher.get_matching_blocks() if block.size]
    )
    if not blocks:
        return None
    start = window_start + blocks[0][0]
    end = window_start + blocks[-1][0] + blocks[-1][1]
    return (start, end) if end > start else None


def _piece_similarity(found: str, quote: str, size: int = 24) -> float:
    """The share of the quote's pieces of ``size`` characters found verbatim in ``found``,
    scaled by how close the lengths are."""
    pieces = [quote[i : i + size] for i in range(0, len(quote) - size + 1, size)]
    if not pieces:
        return 0.0
    present = sum(1 for piece in pieces if piece in found) / len(pieces)
    return present * min(len(found), len(quote)) / max(len(found), len(quote))


def _trim_stray(blocks: list[tuple[int, int]], min_size: int = 3) -> list[tuple[int, int]]:
    """Drop tiny matches at either edge: single letters matched far from the passage."""
    while len(blocks) > 1 and blocks[0][1] < min_size:
        blocks = blocks[1:]
    while len(blocks) > 1 and blocks[-1][1] < min_size:
        blocks = blocks[:-1]
    return blocks
