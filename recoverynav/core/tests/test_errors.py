"""Error pages keep the way to help open."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/no-such-page/", "We can't find that page"),
        ("/es/no-such-page/", "No encontramos esa página"),
    ],
)
def test_a_missing_page_is_a_kind_404_with_the_help_bar(
    visitor: Client, path: str, text: str
) -> None:
    response = visitor.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'class="help-bar"' in html
