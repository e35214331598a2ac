"""query_with gives exactly the links QueryDict.copy/pop/setlist/urlencode gave."""

import pytest
from django.http import QueryDict

from recoverynav.core.querystring import query_with


def _by_hand(query: str, drop: list[str], changes: dict) -> str:
    params = QueryDict(query).copy()
    for key in drop:
        params.pop(key, None)
    for key, value in changes.items():
        params.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return "?" + params.urlencode()


@pytest.mark.parametrize(
    ("query", "drop", "changes"),
    [
        ("place=22903&radius=25", ["page"], {"page": 2}),
        ("page=3&place=22903&radius=25", ["page"], {"page": 4}),
        ("place=22903&page=3&radius=25", [], {"page": 4}),
        ("place=Richmond%2C+VA&setting=outpatient&setting=residential", ["page"], {"radius": 50}),
        ("place=22903&setting=outpatient", ["page"], {"setting": ["telehealth"], "radius": 100}),
        ("place=caf%C3%A9+%26+co&q=a%2Bb&attendance=x", ["page"], {"attendance": ["online"]}),
        ("", ["page"], {"page": 1}),
        ("place=", [], {}),
    ],
)
def test_it_writes_the_same_link_as_changing_a_copy_of_the_query(
    query: str, drop: list[str], changes: dict
) -> None:
    assert query_with(QueryDict(query), drop=drop, **changes) == _by_hand(query, drop, changes)


def test_the_request_query_itself_is_not_changed() -> None:
    params = QueryDict("place=22903&page=2")

    query_with(params, drop=["page"], place="x")

    assert params.urlencode() == "place=22903&page=2"
