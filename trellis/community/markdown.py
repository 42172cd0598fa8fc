"""Posts' markdown, rendered safely on the server, and read as plain text.

Two locks, so that one slip cannot open the other: markdown-it renders with raw
HTML off (`<script>` in a post is shown as text, not run), images off (no
tracking pixels, nothing fetched from elsewhere) and its own link check (no
`javascript:` or `data:` links); then nh3 (the Ammonia sanitiser) keeps only the
tags, attributes and URL schemes listed here, and marks every link
`rel="nofollow noopener"`.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
# A post's page has its own h1 (the title) and h2s: a post's "# Heading" becomes an h3.
HEADING_SHIFT = 2


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.disable("image")
    return md


def _shift_headings(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1:]) + HEADING_SHIFT)
            token.tag = f"h{level}"


def render(text: str) -> str:
    """A post's markdown as HTML that is safe to put in a page as it is."""
    md = _parser()
    tokens = md.parse(text)
    _shift_headings(tokens)
    return sanitise(md.renderer.render(tokens, md.options, {}))


def sanitise(html: str) -> str:
    """Keep only the allowed tags, attributes and URL schemes; mark links nofollow."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def plain_text(text: str) -> str:
    """What a post says without its markup: one line per paragraph, heading or item.

    Matching and topic detection read this, and lists show the start of it.
    """
    blocks = []
    for token in _parser().parse(text):
        if token.type == "inline":
            content = _inline_text(token)
        elif token.type in ("fence", "code_block"):
            content = token.content
        else:
            continue
        content = " ".join(content.split())
        if content:
            blocks.append(content)
    return "\n".join(blocks)
