"""A quotation: plain data with offsets into ``Article.text``, stored as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation of an article.

    ``start``/``end`` delimit the quoted words (inside the marks) in
    ``Article.text``; for a quotation over several paragraphs they run from
    the first word to the last. ``speaker`` is the fullest name the article
    gives (or the words it uses, ``le communiqué``), None when nobody can be
    told; ``speaker_key`` is the speaker's entity key when the speaker is a
    tagged entity. ``cue`` is the attribution as written (``said``, ``a-t-il
    noté``, ``selon``, ``:``), None when the speaker comes from the context.
    ``partial`` marks a fragment of a few words inside the writer's sentence.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_key: str | None
    cue: str | None
    partial: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            speaker=data.get("speaker"),
            speaker_key=data.get("speaker_key"),
            cue=data.get("cue"),
            partial=bool(data["partial"]),
        )
