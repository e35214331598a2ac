"""Links that change one or two choices of the current search and keep the rest."""

from collections.abc import Collection
from urllib.parse import urlencode

from django.http import QueryDict


def query_with(
    params: QueryDict, *, drop: Collection[str] = (), **changes: object | list[object]
) -> str:
    """`?` and `params` without the keys in `drop`, then with each key in `changes` set (a
    list sets several values): the text `params.copy()`, `pop`, `setlist` and `urlencode()`
    give (a changed key keeps its place, a new or dropped one goes last), without
    deep-copying the query for every link of a results page."""
    lists = dict(params.lists())
    for key in drop:
        lists.pop(key, None)
    for key, value in changes.items():
        lists[key] = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return "?" + urlencode([(key, value) for key, values in lists.items() for value in values])
