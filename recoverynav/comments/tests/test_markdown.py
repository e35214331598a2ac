"""Comment text: a small, safe Markdown subset."""

import pytest

from recoverynav.comments.text import count_links, render_markdown


@pytest.mark.parametrize(
    ("written", "html"),
    [
        ("one\n\ntwo", "<p>one</p>\n<p>two</p>"),
        ("*soft* and **strong**", "<p><em>soft</em> and <strong>strong</strong></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ],
)
def test_it_renders_the_allowed_subset(written: str, html: str) -> None:
    assert render_markdown(written) == html


def test_links_are_marked_as_user_content() -> None:
    html = render_markdown("[SAMHSA](https://www.samhsa.gov/)")

    assert html == (
        '<p><a href="https://www.samhsa.gov/" rel="nofollow ugc noopener">SAMHSA</a></p>'
    )


@pytest.mark.parametrize(
    "written",
    [
        "<script>alert(1)</script>",
        '<img src="https://tracker.example/x.png">',
        "![pixel](https://tracker.example/x.png)",
        "[click](javascript:alert(1))",
        '<a href="https://x.example" onclick="steal()">x</a>',
        "<iframe src=https://x.example></iframe>",
    ],
)
def test_no_raw_html_images_or_scripts_get_through(written: str) -> None:
    html = render_markdown(written)

    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html.replace("javascript:alert(1))", "")
    assert "onclick" not in html or "&lt;a" in html


def test_headings_and_code_stay_plain_text() -> None:
    assert render_markdown("# Big") == "<p># Big</p>"


def test_it_counts_links_however_they_are_written() -> None:
    assert count_links("see https://a.example, http://b.example and www.c.example") == 3
