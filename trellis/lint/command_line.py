"""What the `lint-*` commands share: the message read from a stream, the vocabulary read from
a file. Plain Python, like the rest of the linter; the commands pass Django's settings in."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from trellis.lint.intro import shipped_matcher
from trellis.text.vocabulary import TopicMatcher, VocabularyError, load_vocabulary


def read_message(stream: IO) -> str:
    """All of `stream`, as UTF-8 whatever the locale when it gives bytes (a BOM is dropped)."""
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        return binary.read().decode("utf-8-sig", errors="replace")
    return stream.read()


def matcher_from(path: Path) -> TopicMatcher:
    """The topic vocabulary in the file at `path`, else the one Trellis ships."""
    try:
        return TopicMatcher.from_entries(load_vocabulary(path))
    except (OSError, VocabularyError):
        return shipped_matcher()
