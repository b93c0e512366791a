"""HTML with BeautifulSoup: scripts, navigation and footers dropped, headings kept as section boundaries."""
from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from ..document import Document
from .blocks import join_blocks

DROP = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg", "iframe")
BLOCKS = {"p", "div", "li", "td", "th", "tr", "section", "article", "main", "blockquote", "pre", "dd", "dt",
          "figcaption", "caption", "table", "ul", "ol", "body", "br"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def read(text: str, key: str, path: str) -> Document:
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    blocks: list[tuple[str, str]] = []  # (kind, text): kind is "heading" or "text"
    buf: list[str] = []

    def flush():
        s = " ".join("".join(buf).split())
        if s:
            blocks.append(("text", s))
        buf.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ == "NavigableString":
                    buf.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name in HEADINGS:
                    flush()
                    h = " ".join(child.get_text(" ").split())
                    if h:
                        blocks.append(("heading", h))
                elif name in BLOCKS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(soup)
    flush()
    text, sections = join_blocks(blocks)
    meta = {"title": title} if title else {}
    return Document(id=key, text=text, source=path, format="html", kind="web_page", metadata=meta,
                    sections=sections)
