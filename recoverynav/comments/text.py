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


# Cyrillic and Greek letters that look like Latin ones, mapped before lower-casing (a capital
# Greek Eta looks like H, its small letter like n). A small table, not all of Unicode's
# confusables: it covers the letters spammers swap in to slip a word past a filter.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("АВЕЅІЈКМНОРСТХУԚԜ", "abesijkmhopctxyqw", strict=True)),
        **dict(zip("аеіјѕԁһӏоԛрсԝхуькм", "aeijsdhloqpcwxybkm", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx", strict=True)),  # noqa: RUF001
        **dict(zip("αβεηικνορτυχγω", "abenikvoptuxyw", strict=True)),
    }
)
LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
# In a name's skeleton: shapes that pass for each other.
DIGIT_LOOKALIKES = str.maketrans("01i", "oll")
# Marks that steer the direction of text; in a name they can make it read as someone else's.
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Joiners that some scripts need inside words (Persian, Indic, emoji): kept in names.
JOINERS = {"\u200c", "\u200d"}


def without_format_characters(text: str) -> str:
    """Drop invisible format characters (Unicode category Cf: zero-width spaces, soft
    hyphens, bidi controls), which can hide a word from a filter."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def fold(text: str) -> str:
    """The form words are compared in: compatibility forms (fullwidth, math letters) made
    plain, invisible characters dropped, look-alike Cyrillic and Greek letters read as the
    Latin ones, lower case without accents, apostrophes straight: 'Más', 'mas' and 'mas'
    written with a Cyrillic a compare equal."""
    text = without_format_characters(unicodedata.normalize("NFKC", text))
    text = text.translate(LOOKALIKES).lower().replace("\u2019", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_name(name: str) -> str:
    """A name as it is kept: compatibility forms made plain, bidi controls and other
    invisible characters dropped (joiners that scripts need stay), spaces collapsed."""
    name = unicodedata.normalize("NFKC", name)
    kept = "".join(ch for ch in name if unicodedata.category(ch) != "Cf" or ch in JOINERS)
    return " ".join(kept.split())


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    script = unicodedata.name(ch, "").split(" ", 1)[0]
    return script if script in LOOKALIKE_SCRIPTS else None


def mixes_lookalike_scripts(name: str) -> bool:
    """True when one word mixes Latin, Cyrillic or Greek letters and one of them is a
    look-alike of another alphabet's ('Admin' written with a Cyrillic A): real names write
    each word in one alphabet, and such mixtures are how names impersonate."""
    for word in re.split(r"[\W_]+", unicodedata.normalize("NFKC", name)):
        scripts = {_script(ch) for ch in word} - {None}
        lookalike = any(_script(ch) != "LATIN" and ord(ch) in LOOKALIKES for ch in word)
        if len(scripts) > 1 and lookalike:
            return True
    return False


def name_skeleton(name: str) -> str:
    """What a name looks like, for telling whether two names would be mistaken for each
    other: folded (above), letters and digits only, and the shapes that pass for each other
    made one ('0' and 'o'; '1', 'i' and 'l', since a capital I looks like a small l; 'rn' and
    'm'): 'Adm1n', 'A d m i n' and 'Admin' with a Cyrillic d give the same skeleton."""
    folded = fold(name)
    plain = "".join(ch for ch in folded if ch.isalnum())
    return plain.translate(DIGIT_LOOKALIKES).replace("rn", "m").replace("vv", "w")


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
