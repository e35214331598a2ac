"""Reading a comment's text: Markdown rendering, link counting, word matching."""

import functools
import re
import unicodedata
from pathlib import Path

import nh3
import yaml
from markdown_it import MarkdownIt

CRISIS_WORDS_FILE = Path(__file__).resolve().parent / "data" / "crisis_words.yaml"
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "br"}
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)

# Only the parts we allow: paragraphs, emphasis, links, lists and quotes. No raw HTML, images,
# headings, tables or code blocks; "linkify" is off so only written links become links.
_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "link", "list", "blockquote", "newline", "autolink"]
)


def render_markdown(text: str) -> str:
    """Safe HTML for a comment; nh3 is the safety net even if the parser let something by."""
    return nh3.clean(
        _markdown.render(text),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    ).strip()


def count_links(*texts: str) -> int:
    return sum(len(LINK.findall(text)) for text in texts)


def fold(text: str) -> str:
    """Lower case without accents, apostrophes made straight: 'Más' and 'mas' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern | None:
    words = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@functools.cache
def crisis_pattern() -> re.Pattern | None:
    data = yaml.safe_load(CRISIS_WORDS_FILE.read_text(encoding="utf-8"))
    return phrase_pattern([phrase for phrases in data.values() for phrase in phrases])


def suggests_crisis(text: str) -> bool:
    pattern = crisis_pattern()
    return bool(pattern and pattern.search(fold(text)))


def contains_any(text: str, phrases: list[str] | tuple[str, ...]) -> bool:
    pattern = phrase_pattern(phrases)
    return bool(pattern and pattern.search(fold(text)))
