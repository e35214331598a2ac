"""Markdown to safe HTML for the guide: headings get anchors, tool links resolve or vanish.

Content is written by operators, not the public, but it is still sanitized: a page copied from
somewhere else must never be able to run a script in a reader's browser.
"""

from collections.abc import Callable
from dataclasses import dataclass

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

# `[text](route:screening:start?for=someone)` links to one of our own pages by its URL name.
ROUTE_PREFIX = "route:"
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "span", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# `<span lang="en">Women for Sobriety</span>` on a Spanish page: a name in another language,
# read in that language by screen readers (and left alone by page translators).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "h2": {"id"},
    "h3": {"id"},
    "th": {"scope"},
    "span": {"lang", "translate"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}

# Raw HTML is parsed, then nh3 removes everything outside the allow-list below (and drops
# <script>/<style> with their content), so a pasted snippet can never run in a reader's browser.
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")

# Resolves "name?query" to a URL, or None when that part of the site is not installed.
RouteResolver = Callable[[str], str | None]


@dataclass(frozen=True)
class Heading:
    anchor: str
    text: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    headings: tuple[Heading, ...]


def render_markdown(text: str, *, resolve_route: RouteResolver) -> RenderedBody:
    """Render operator Markdown; paragraphs or list items whose tool link does not resolve
    are dropped, so a reader never meets a dead link."""
    tokens = _markdown.parse(text)
    tokens = _resolve_route_links(tokens, resolve_route)
    headings = _anchor_headings(tokens)
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
    )
    return RenderedBody(html=clean, headings=tuple(headings))


def _anchor_headings(tokens: list[Token]) -> list[Heading]:
    """Give every h2 a stable id (used by the table of contents) and return them in order."""
    headings: list[Heading] = []
    seen: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag != "h2":
            continue
        text = tokens[index + 1].content
        anchor = base = slugify(text) or "section"
        counter = 2
        while anchor in seen:
            anchor, counter = f"{base}-{counter}", counter + 1
        seen.add(anchor)
        token.attrSet("id", anchor)
        headings.append(Heading(anchor=anchor, text=text))
    return headings


def _resolve_route_links(tokens: list[Token], resolve_route: RouteResolver) -> list[Token]:
    doomed: list[int] = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        for child in token.children or []:
            href = str(child.attrGet("href") or "")
            if child.type != "link_open" or not href.startswith(ROUTE_PREFIX):
                continue
            url = resolve_route(href.removeprefix(ROUTE_PREFIX))
            if url is None:
                doomed.append(_enclosing_block(tokens, index))
            else:
                child.attrSet("href", url)
    for start in sorted(set(doomed), reverse=True):
        del tokens[start : _matching_close(tokens, start) + 1]
    return _without_empty_lists(tokens)


def _enclosing_block(tokens: list[Token], inline_index: int) -> int:
    """The list item around an inline token if there is one, else its paragraph or heading."""
    block = inline_index - 1
    if block > 0 and tokens[block - 1].type == "list_item_open":
        return block - 1
    return block


def _matching_close(tokens: list[Token], start: int) -> int:
    opening = tokens[start]
    closing_type = opening.type.replace("_open", "_close")
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == closing_type and tokens[index].level == opening.level:
            return index
    return len(tokens) - 1


def _without_empty_lists(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    for token in tokens:
        if (
            token.type in {"bullet_list_close", "ordered_list_close"}
            and kept
            and kept[-1].type == token.type.replace("_close", "_open")
        ):
            kept.pop()
            continue
        kept.append(token)
    return kept
