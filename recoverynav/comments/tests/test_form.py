"""The form as readers of the guide know it, accessible and kind."""

import re

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]


@pytest.fixture
def form_html(visitor: Client) -> str:
    return visitor.get("/test-page/").content.decode()


def test_it_has_the_familiar_fields_and_note(form_html: str) -> None:
    assert "Leave a Comment" in form_html
    assert "Your email address will not be published. Required fields are marked *" in form_html
    assert "Save my name and email in this browser for the next time I comment" in form_html
    for label in ["Comment", "Name", "Email"]:
        assert f">{label}" in form_html
    assert "Post Comment" in form_html


def field_tag(html: str, field: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*id="comment-{field}"[^>]*>', html).group(0)


@pytest.mark.parametrize("field", ["comment", "name", "email", "consent"])
def test_required_fields_are_marked_in_text_and_for_assistive_technology(
    form_html: str, field: str
) -> None:
    label = form_html.split(f'for="comment-{field}"')[1].split("</label>")[0]

    assert '<span aria-hidden="true">*</span>' in label
    assert "(required)" in label
    assert 'aria-required="true"' in field_tag(form_html, field)


def test_it_asks_for_no_website(form_html: str) -> None:
    assert 'name="website"' not in form_html
    assert ">Website" not in form_html


def test_a_page_without_comments_says_nothing_about_them(form_html: str) -> None:
    assert "0 comments" not in form_html
    assert "No comments yet" not in form_html
    assert 'aria-labelledby="reply-title"' in form_html


def test_the_honeypot_is_hidden_from_people(form_html: str) -> None:
    assert '<div class="comment-hp" hidden>' in form_html
    assert 'tabindex="-1"' in field_tag(form_html, "homepage")


def test_the_consent_box_is_not_ticked_for_the_writer(form_html: str) -> None:
    assert "checked" not in field_tag(form_html, "consent")


def test_it_uses_only_its_own_external_script(form_html: str) -> None:
    assert '<script src="/static/comments/comments.js" defer></script>' in form_html
    assert "<script>" not in form_html
    assert " onclick=" not in form_html
    assert " style=" not in form_html
