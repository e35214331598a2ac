"""A comment that suggests the writer is in danger is held and answered with help at once."""

import pytest
from django.test import Client

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import EMAIL, make_comment, post_comment
from recoverynav.comments.text import suggests_crisis

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]


@pytest.mark.parametrize(
    "words",
    [
        "Some nights I want to die.",
        "I think my brother overdosed last night",
        "I can\u2019t go on like this",
        "Ya no puedo más, quiero morir",
        "Mi hijo tuvo una SOBREDOSIS",
        "He pensado en el suicidio",
    ],
)
def test_it_recognises_crisis_words_in_english_and_spanish(words: str) -> None:
    assert suggests_crisis(words)


@pytest.mark.parametrize(
    "words",
    ["My diet changed in recovery.", "Dosage questions go to your doctor.", "Sobre todo, gracias"],
)
def test_it_does_not_flag_ordinary_words(words: str) -> None:
    assert not suggests_crisis(words)


def test_a_crisis_comment_is_held_and_the_writer_sees_the_emergency_number(
    visitor: Client, hotlines: None
) -> None:
    response = post_comment(visitor, comment="I don't want to live anymore.")

    assert response["Location"] == "/test-page/?comment=crisis#comment-status"
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.is_crisis
    html = visitor.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in html
    assert 'href="tel:911"' in html
    assert 'href="tel:18006624357"' in html  # SAMHSA's National Helpline
    assert 'href="/help-now/"' in html


def test_the_emergency_number_follows_the_visitors_country(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/test-page/?comment=crisis", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()

    assert 'href="tel:999"' in html


def test_a_known_commenter_in_crisis_is_still_held(visitor: Client, hotlines: None) -> None:
    make_comment(email=EMAIL)

    response = post_comment(visitor, comment="Quiero quitarme la vida")

    assert response["Location"].endswith("comment=crisis#comment-status")
    assert Comment.objects.latest("created").status == Status.PENDING


def test_crisis_help_is_shown_even_when_the_comment_looks_like_spam(
    visitor: Client, hotlines: None
) -> None:
    response = post_comment(visitor, comment="I overdosed", homepage="x")

    assert response["Location"].endswith("comment=crisis#comment-status")
    comment = Comment.objects.get()
    assert comment.status == Status.SPAM
    assert comment.is_crisis


def test_crisis_help_shows_a_kind_fallback_without_hotline_data(visitor: Client) -> None:
    html = visitor.get("/test-page/?comment=crisis").content.decode()

    assert "Call your local emergency number" in html
    assert 'href="/help-now/"' in html


def test_the_moderators_are_told_the_writer_may_be_in_danger(
    visitor: Client, hotlines: None, mailoutbox
) -> None:
    post_comment(visitor, comment="I want to die")

    assert mailoutbox[0].subject.startswith("[urgent]")
    assert "may be in danger" in mailoutbox[0].body


def test_the_crisis_answer_adds_only_the_hotline_look_up(
    visitor: Client, hotlines: None, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(4):
        visitor.get("/test-page/?comment=crisis")
