"""Text from the data through Markdown: inert, and links only to http(s)."""

import pytest

from geo.textsafe import md_escape, md_link


def test_markdown_and_html_in_a_title_read_as_text():
    assert md_escape("*bold* [x](y) <b>#1</b>") == r"\*bold\* \[x\]\(y\) &lt;b&gt;\#1&lt;/b&gt;"


def test_every_markdown_special_character_is_escaped():
    special = "\\`*_{}[]()#+-.!|~$:"
    assert md_escape(special) == "".join("\\" + c for c in special)
    assert md_escape('plain words, "quoted" & more') == 'plain words, "quoted" &amp; more'


def test_values_that_are_not_text_are_escaped_as_text():
    assert md_escape(3.5) == r"3\.5"
    assert md_escape(None) == "None"


def test_a_link_to_an_http_url():
    assert (
        md_link("AP: strike [2]", "https://apnews.com/article/x-1")
        == r"[AP\: strike \[2\]](https://apnews.com/article/x-1)"
    )
    assert md_link("t", "http://example.org/") == "[t](http://example.org/)"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/f", "https://", "https://a.org/x y", "https://a.org/(x)", "", None,
     " https://a.org/", "xhttps://a.org/"],
)  # fmt: skip
def test_no_link_for_anything_but_a_plain_http_url(url):
    assert md_link("a *title*", url) == r"a \*title\*"
