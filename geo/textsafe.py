"""Text from the data shown through Markdown: escaped so that a title with
Markdown or HTML in it reads as text and links go only to http(s) URLs."""

from __future__ import annotations

import html
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")
SAFE_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


def md_escape(text) -> str:
    """Markdown-inert text (HTML entities too: Streamlit's Markdown keeps raw HTML out,
    escaping keeps it readable as text)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def md_link(text, url: str) -> str:
    """A Markdown link, or the escaped text alone when the URL is not a plain http(s) URL."""
    if not SAFE_URL.fullmatch(url or ""):
        return md_escape(text)
    return f"[{md_escape(text)}]({url})"
