"""A post's markdown is rendered on the server, and nothing in it can run or track."""

from html.parser import HTMLParser

import pytest

from trellis.community.markdown import ALLOWED_TAGS, plain_text, render, sanitise

ATTACKS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<iframe src="https://example.org"></iframe>',
    "<svg onload=alert(1)>",
    '<div style="position:fixed" onclick="alert(1)">hi</div>',
    "![x](https://tracker.example.org/pixel.png)",
    '[x](https://example.org "a" onmouseover="alert(1)")',
]


class Elements(HTMLParser):
    """The elements a browser would build from some HTML: (tag, attributes) each."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_in_a_post_is_shown_as_text_not_run(attack):
    elements = Elements(render(attack)).found

    assert {tag for tag, _ in elements} <= ALLOWED_TAGS
    assert not [tag for tag, _ in elements if tag in {"script", "img", "iframe", "svg", "div"}]
    attributes = {name for _, attrs in elements for name in attrs}
    assert not [name for name in attributes if name.startswith("on") or name == "style"]
    hrefs = [attrs["href"] for tag, attrs in elements if "href" in attrs]
    assert all(href.startswith(("https:", "http:", "/")) for href in hrefs), hrefs


def test_raw_html_is_escaped_rather_than_dropped():
    html = render("Use <b>bold</b> & <script>x</script>")

    assert html == "<p>Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>\n"


def test_markdown_becomes_html():
    html = render("# Upgrades\n\nSome **bold**, *italic*, `code` and ~~old~~.\n\n- one\n- two")

    assert "<h3>Upgrades</h3>" in html  # the page's own h1 and h2 come first
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<s>old</s>" in html
    assert "<ul>\n<li>one</li>" in html


def test_links_get_nofollow_and_noopener():
    html = render("[our runbook](https://example.org/runbook) and <https://example.org>")

    assert '<a href="https://example.org/runbook" rel="nofollow noopener">our runbook</a>' in html
    assert '<a href="https://example.org" rel="nofollow noopener">' in html


def test_links_inside_trellis_work():
    assert '<a href="/people/3/" rel="nofollow noopener">Sam</a>' in render("[Sam](/people/3/)")


def test_code_blocks_keep_their_text_escaped():
    html = render("```\n<script>alert(1)</script>\n```")

    assert html == "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"


def test_the_sanitiser_alone_removes_what_markdown_never_makes():
    # The second lock, on its own: were raw HTML ever to get through markdown-it.
    dirty = (
        '<p onclick="x()">hi <script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">j</a><a href="https://example.org" target="_blank">ok</a>'
        '<iframe src="//evil"></iframe><!-- note --></p>'
    )

    clean = sanitise(dirty)

    assert clean == (
        '<p>hi <a rel="nofollow noopener">j</a>'
        '<a href="https://example.org" rel="nofollow noopener">ok</a></p>'
    )


def test_plain_text_drops_the_markup_and_keeps_the_words():
    text = plain_text(
        "# Upgrades\n\nSome **bold** and [a link](https://example.org), `kubectl`\nnext line"
        "\n\n- one\n- two\n\n```\nhelm upgrade\n```"
    )

    assert text == ("Upgrades\nSome bold and a link, kubectl next line\none\ntwo\nhelm upgrade")
