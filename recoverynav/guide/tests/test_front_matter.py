"""A page file's front matter: the declared format's refusals that test_content.py does not
already cover, and what it leaves alone."""

import pytest

from recoverynav.guide.content import ContentError, parse_page_file
from recoverynav.guide.tests.test_content import GOOD


def parse(text: str):
    return parse_page_file(text=text, slug="page", language="en", origin="page.md")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace('sources:\n  - name: "NIDA"\n    url: "https://nida.nih.gov"\n', ""),
            "page.md: missing front matter field(s): sources",
        ),
        (
            GOOD.replace('  - name: "NIDA"\n    url: "https://nida.nih.gov"', "  NIDA"),
            "page.md: 'sources' must be a list of entries with name and url",
        ),
        (
            GOOD.replace("order: 1", "order: 1\nrelated: detox"),
            "page.md: missing or wrong field: related: Input should be a valid list",
        ),
        (
            GOOD.replace('title: "T"\nsummary: "S"', 'title: ""\nsummary: ""'),
            "page.md: missing front matter field(s): title, summary",
        ),
    ],
)
def test_a_wrong_front_matter_is_refused_with_the_file_and_the_problem(
    text: str, message: str
) -> None:
    with pytest.raises(ContentError) as refused:
        parse(text)

    assert str(refused.value) == message


def test_an_operators_own_keys_are_left_alone() -> None:
    page = parse(GOOD.replace("order: 1", "order: 1\nauthor: Sam\nrelated: [detox, 12]"))

    assert page.related == ("detox", "12")
    assert page.title == "T"
