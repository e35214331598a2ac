"""Markdown becomes safe HTML; headings get anchors; links to missing tools vanish."""

import pytest

from recoverynav.guide.rendering import render_markdown


def no_routes(name: str) -> None:
    return None


def render(text: str, resolve_route=no_routes) -> str:
    return render_markdown(text, resolve_route=resolve_route).html


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert('x')</script>\n\nHello",
        "Hello <script>alert('x')</script>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">Hello</p>',
        '<span onmouseover="alert(1)">Hello</span>',
        "<style>body{display:none}</style>",
        '<iframe src="https://example.org"></iframe>',
    ],
)
def test_it_strips_scripts_handlers_and_javascript_links(markdown: str) -> None:
    html = render(markdown).lower()

    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<style" not in html
    assert "<iframe" not in html
    assert "<img" not in html


def test_a_name_in_another_language_keeps_its_language_and_nothing_else() -> None:
    html = render(
        'como <span lang="en" style="color:red" onclick="x()">Women for Sobriety</span> y otros'
    )

    assert '<span lang="en">Women for Sobriety</span>' in html


def test_it_keeps_ordinary_formatting_and_links() -> None:
    html = render("**Bold** and [NIDA](https://nida.nih.gov) and [call](tel:18006624357)")

    assert "<strong>Bold</strong>" in html
    assert '<a href="https://nida.nih.gov">NIDA</a>' in html
    assert '<a href="tel:18006624357">call</a>' in html


def test_it_renders_tables() -> None:
    html = render("| a | b |\n|---|---|\n| 1 | 2 |")

    assert "<table>" in html
    assert "<td>2</td>" in html


def test_it_gives_each_h2_a_unique_anchor() -> None:
    body = render_markdown("## What to do\n\n## Signs\n\n## Signs", resolve_route=no_routes)

    assert [h.anchor for h in body.headings] == ["what-to-do", "signs", "signs-2"]
    assert '<h2 id="what-to-do">What to do</h2>' in body.html
    assert '<h2 id="signs-2">Signs</h2>' in body.html


def test_it_anchors_headings_with_accents() -> None:
    body = render_markdown("## Cómo pedir ayuda", resolve_route=no_routes)

    assert body.headings[0].anchor == "como-pedir-ayuda"


def test_it_resolves_tool_links_with_their_query() -> None:
    html = render(
        "[Find one](route:meetings:search?fellowship=NA)",
        resolve_route=lambda spec: (
            "/meetings/?fellowship=NA" if spec.startswith("meetings") else None
        ),
    )

    assert '<a href="/meetings/?fellowship=NA">Find one</a>' in html


def test_it_drops_a_paragraph_whose_tool_is_missing() -> None:
    html = render("Keep this.\n\nTry [the self-check](route:screening:start) now.\n\nAnd this.")

    assert "self-check" not in html
    assert "Keep this." in html
    assert "And this." in html


def test_it_drops_only_the_list_item_whose_tool_is_missing() -> None:
    html = render("- [Plan](route:plan:plan)\n- Call the helpline")

    assert "Plan" not in html
    assert "<li>Call the helpline</li>" in html


def test_it_drops_a_list_left_empty() -> None:
    html = render(
        "Before\n\n- [Plan](route:plan:plan)\n- [Meetings](route:meetings:search)\n\nAfter"
    )

    assert "<ul>" not in html
    assert "After" in html
