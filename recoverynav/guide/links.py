"""Links to other parts of the site that may not be installed yet (apps land independently)."""

from django.urls import NoReverseMatch, reverse


def optional_reverse(spec: str) -> str | None:
    """`"name"` or `"name?query"` as a URL in the active language; None for an unknown name."""
    name, _, query = spec.partition("?")
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url
