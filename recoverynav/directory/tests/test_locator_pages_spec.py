"""The nationwide locator download's page arithmetic, without the network: the URL of each
page, the counts a first page must give, and the downloads refused before anything is
written. (Real HTTP answers are specified in test_locator_sync.)"""

from urllib.parse import parse_qs, urlsplit

import pytest

from recoverynav.directory import locator_sync
from recoverynav.directory.locator_sync import Limits, LocatorError, LocatorQuery, download

LIMITS = Limits(timeout=1, max_bytes=10_000, max_pages=3)


def pages(monkeypatch, *answers: dict) -> list[str]:
    """Serve `answers` as pages 1, 2, …; returns the URLs asked for."""
    asked: list[str] = []

    def fetch(url, limits, *, sleep):
        asked.append(url)
        return answers[int(parse_qs(urlsplit(url).query)["page"][0]) - 1]

    monkeypatch.setattr(locator_sync, "fetch_page", fetch)
    return asked


def test_each_page_s_url_asks_for_the_whole_country_nearest_first() -> None:
    url = LocatorQuery(
        "https://findtreatment.gov/locator/exportsAsJson/v2", page_size=250
    ).page_url(3)

    query = parse_qs(urlsplit(url).query)
    assert query == {
        "sType": ["sa"], "sAddr": [locator_sync.COUNTRY_CENTRE], "limitType": ["2"],
        "limitValue": [str(locator_sync.COUNTRY_RADIUS_METRES)], "pageSize": ["250"],
        "page": ["3"], "sort": ["0"],
    }  # fmt: skip


def test_a_base_url_with_its_own_query_gets_ours_after_an_ampersand() -> None:
    assert (
        LocatorQuery("https://x.org/api?key=1").page_url(1).startswith("https://x.org/api?key=1&")
    )


def test_every_page_is_read_and_rows_are_numbered_by_page(monkeypatch) -> None:
    asked = pages(
        monkeypatch,
        {"totalPages": 2, "recordCount": 3, "rows": [{"a": 1}, {"a": 2}]},
        {"rows": [{"a": 3}]},
    )
    said: list[str] = []

    rows = download(LocatorQuery("https://x.org/api"), LIMITS, say=said.append)

    assert [where for where, _row in rows] == ["page 1 row 1", "page 1 row 2", "page 2 row 1"]
    assert len(asked) == 2
    assert said[-1] == "  page 2 of 2: 3 facilities so far"


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ({"totalPages": "many", "rows": []}, "page counts are not numbers"),
        ({"totalPages": 4, "rows": [{}]}, "says it has 4 pages; this sync reads 1 to 3"),
        ({"totalPages": 0, "rows": [{}]}, "says it has 0 pages"),
        ({"totalPages": 1, "recordCount": 5, "rows": [{}]}, "announced 5 facilities but its 1"),
        ({"totalPages": 1, "rows": []}, "The locator sent no facilities."),
    ],
)  # fmt: skip
def test_a_download_that_cannot_be_whole_is_refused_before_anything_is_written(
    monkeypatch, first: dict, message: str
) -> None:
    pages(monkeypatch, first)

    with pytest.raises(LocatorError, match=message.replace("(", r"\(")):
        download(LocatorQuery("https://x.org/api"), LIMITS, say=lambda line: None)


def test_an_address_that_is_not_http_is_refused_without_a_retry() -> None:
    waits: list[float] = []

    with pytest.raises(LocatorError, match="is not an http\\(s\\) address"):
        locator_sync.fetch_page("file:///etc/passwd", LIMITS, sleep=waits.append)

    assert waits == []
