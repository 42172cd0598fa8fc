"""Which characters a person's text may not contain, and why: the one rule for all input.

Refused everywhere: control characters (C0 but TAB, LF and CR; DEL; C1), which
terminals, e-mail headers and PostgreSQL (NUL) treat as commands rather than text;
the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
which make a text display in another order than it reads ("Trojan Source"); and lone
surrogates, which are not characters at all and which no database can store.

Refused also in one-line text (names, chat handles, titles, tags, languages, search
boxes): TAB, LF, CR and the Unicode line and paragraph separators, since a line break
in a name ends an e-mail's header; and the invisible U+200B (zero width space), U+2060
(word joiner) and U+FEFF, which make two different names look the same. The zero width
joiner (U+200D) and the directional marks (U+200E, U+200F) stay allowed: emoji and
right-to-left writing need them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ONE_LINE_ALSO = "\t\n\r\u2028\u2029\u200b\u2060\ufeff"
_MULTI_LINE = re.compile(f"[{_ALWAYS}]")
_ONE_LINE = re.compile(f"[{_ALWAYS}{_ONE_LINE_ALSO}]")

_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
_NAMES = {
    "\x00": "a NUL byte",
    "\x07": "a bell character",
    "\x08": "a backspace",
    "\t": "a tab",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
    "\u200b": "an invisible zero width space",
    "\u2060": "an invisible word joiner",
    "\ufeff": "an invisible byte order mark",
}


@dataclass(frozen=True, slots=True)
class ForbiddenCharacter:
    """The first character of a text that is refused: what it is and where it stands."""

    char: str
    position: int  # 1-based, as a person counts

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def description(self) -> str:
        """What the character is, in words: "a line break", "a NUL byte (U+0000)"."""
        if self.char in _LINE_BREAKS:
            return "a line break"
        if self.char in _NAMES:
            return f"{_NAMES[self.char]} ({self.code})"
        if "\u202a" <= self.char <= "\u202e" or "\u2066" <= self.char <= "\u2069":
            return f"a character that reverses the text's direction ({self.code})"
        if "\ud800" <= self.char <= "\udfff":
            return f"half of a character that was cut in two ({self.code})"
        return f"a control character ({self.code})"


def forbidden_character(text: str, *, multiline: bool) -> ForbiddenCharacter | None:
    """The first character of `text` that is refused, or None when it is all allowed."""
    found = (_MULTI_LINE if multiline else _ONE_LINE).search(text)
    return None if found is None else ForbiddenCharacter(found.group(), found.start() + 1)


def character_problem(text: str, *, multiline: bool, label: str) -> str | None:
    """Why `text` is refused for the field called `label`, or None when it is fine.

    The message names the field and the character, so a person can find and remove it.
    """
    found = forbidden_character(text, multiline=multiline)
    if found is None:
        return None
    if found.char in _LINE_BREAKS:
        return f"Write “{label}” on one line: it has a line break at character {found.position}."
    return (
        f"“{label}” cannot contain {found.description}; it has one at character "
        f"{found.position}. Remove it and try again."
    )


def newlines_normalised(text: str) -> str:
    """Line breaks as LF only: browsers send CRLF from a text area, old files CR."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def flattened(text: str) -> str:
    """`text` on one line, every forbidden character a space: for an e-mail's header or
    subject built from a name stored before names were checked."""
    return " ".join(_ONE_LINE.sub(" ", text).split())
