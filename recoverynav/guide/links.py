"""Links to other parts of the site that may not be installed yet (apps land independently)."""

from django.urls import NoReverseMatch, reverse


def optional_reverse(spec: str) -> str | None:
    """`"name"` or `"name?query"` to a URL in the active language, or None if the name is unknown."""
    name, _, query = spec.partition("?")
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url
