"""The "Save to my plan" button that the treatment and meeting finders put on their pages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from recoverynav.plan.buttons import SaveButtons


def render(language: str = "en", **values: str) -> str:
    template = Template(
        "{% load plan_tags %}{% save_to_plan_button kind=kind id=id name=name url=url %}"
    )
    with translation.override(language):
        return template.render(Context(values))


def test_it_renders_a_plain_link_to_the_plans_options_step() -> None:
    html = render(kind="facility", id="123", name="Hope House", url="/treatment/123/")

    assert 'href="/plan/#step-options"' in html
    assert "data-plan-save" in html
    assert 'data-kind="facility"' in html
    assert 'data-id="123"' in html
    assert 'data-name="Hope House"' in html
    assert 'data-url="/treatment/123/"' in html
    assert "Save to my plan" in html


def test_it_brings_its_own_script_carrying_the_words_every_button_shares() -> None:
    html = render(kind="meeting", id="m1", name="Morning group", url="/meetings/m1/")

    assert (
        '<script src="/static/plan/save.js" defer data-saved-text="Saved to my plan"'
        ' data-saved-status="Saved to your plan: %(name)s"></script>'
    ) in html


def test_it_speaks_spanish_on_spanish_pages() -> None:
    html = render("es", kind="meeting", id="m1", name="Grupo", url="/es/meetings/m1/")

    assert 'href="/es/plan/#step-options"' in html
    assert "Guardar en mi plan" in html
    assert 'data-saved-status="Guardado en su plan: %(name)s"' in html


def test_a_list_of_buttons_carries_the_script_once_after_them() -> None:
    with translation.override("en"):
        buttons = SaveButtons()
        listed = [
            buttons.render(kind="facility", id=n, name=f"Place {n}", url=f"/treatment/{n}/")
            for n in range(20)
        ]

    assert not any("<script" in button for button in listed)
    assert buttons.script.count("<script") == 1
    assert 'data-saved-text="Saved to my plan"' in buttons.script


@pytest.mark.parametrize("name", ['"><script>alert(1)</script>', "O'Brien & Sons"])
def test_it_escapes_what_it_is_given(name: str) -> None:
    html = render(kind="facility", id="1", name=name, url="/t/1/")

    assert "<script>alert" not in html
    assert 'data-name="' in html


def test_it_carries_how_to_reach_the_place_when_given() -> None:
    with translation.override("en"):
        html = SaveButtons().render(
            kind="facility",
            id=7,
            name="Hope House",
            url="/treatment/7/",
            phone="(804) 644-4636",
            address="1 Main St, Richmond, VA 23219",
            when="Saturday 8 p.m. to 9 p.m.",
        )

    assert 'data-phone="(804) 644-4636"' in html
    assert 'data-address="1 Main St, Richmond, VA 23219"' in html
    assert 'data-when="Saturday 8 p.m. to 9 p.m."' in html


def test_it_leaves_out_details_it_does_not_have() -> None:
    html = render(kind="meeting", id="m1", name="Morning group", url="/meetings/m1/")

    assert "data-phone" not in html
    assert "data-address" not in html
    assert "data-when" not in html


def test_the_template_tag_takes_the_details_too() -> None:
    template = Template(
        '{% load plan_tags %}{% save_to_plan_button kind="meeting" id="m1" name="Group" '
        'url="/meetings/m1/" address=address %}'
    )
    with translation.override("en"):
        html = template.render(Context({"address": 'Hall <b>"A"</b>, 2 Elm St'}))

    assert 'data-address="Hall &lt;b&gt;&quot;A&quot;&lt;/b&gt;, 2 Elm St"' in html
