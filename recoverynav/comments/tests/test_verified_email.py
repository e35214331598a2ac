"""Known commenters cannot be impersonated: only a confirmed address (through a signed,
single-use link mailed to it) with an approved comment skips moderation, the site's and its
team's names are refused, and another commenter's name is held for a person to check."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from recoverynav.comments import privacy
from recoverynav.comments.models import Comment, Status, VerifiedEmail
from recoverynav.comments.services import erase_commenter
from recoverynav.comments.tests.helpers import (
    EMAIL,
    make_comment,
    make_known_commenter,
    post_comment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]
HOTLINE_LIE = "The hotline number changed, call 1-900-555-0100 instead."


def confirmation_link(message: mail.EmailMessage) -> str:
    return re.search(r"http://testserver(/comments/verify/[^/\s]+/)", message.body).group(1)


def ask_for_confirmation(visitor: Client, **overrides: str) -> str:
    """Post a comment asking for the link; the link's path from the mail sent to the writer."""
    post_comment(visitor, confirm_email="on", **overrides)
    to_writer = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(to_writer) == 1
    return confirmation_link(to_writer[0])


def test_a_known_email_that_is_not_confirmed_is_held_whatever_the_name(visitor: Client) -> None:
    make_comment(email=EMAIL, name="Ana")  # approved, as every comment was before confirmation

    response = post_comment(visitor, name="Sam", comment=HOTLINE_LIE)

    assert response["Location"] == "/test-page/?comment=pending#comment-status"
    assert Comment.objects.get(body=HOTLINE_LIE).status == Status.PENDING
    assert HOTLINE_LIE not in visitor.get("/test-page/").content.decode()


def test_the_writer_asks_for_a_link_and_confirms_with_a_button(visitor: Client, mailoutbox) -> None:
    path = ask_for_confirmation(visitor)

    message = next(m for m in mailoutbox if m.to == [EMAIL])
    assert message.subject == "Confirm your email address for comments on Recovery Navigator"
    assert "The link works once, for 2 days." in message.body
    assert privacy.email_hash(EMAIL) not in message.body  # the link is sealed, not only signed
    page = visitor.get(path)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200
    assert "Confirm my email address" in page.content.decode()
    assert not VerifiedEmail.objects.exists()

    confirmed = visitor.post(path)

    assert confirmed.status_code == 200
    assert "Your email address is confirmed" in confirmed.content.decode()
    assert VerifiedEmail.objects.filter(email_hash=privacy.email_hash(EMAIL)).exists()
    assert Comment.objects.get().email_verified
    for html in (page.content.decode(), confirmed.content.decode()):
        assert EMAIL not in html


def test_the_page_tells_the_writer_a_link_is_on_its_way(visitor: Client) -> None:
    response = post_comment(visitor, confirm_email="on")

    assert response["Location"] == "/test-page/?comment=pending&confirm=sent#comment-status"
    html = visitor.get(response["Location"]).content.decode()
    assert "we have sent it a link to confirm it" in html


def test_once_confirmed_and_approved_the_next_comment_is_published_with_the_mark(
    visitor: Client,
) -> None:
    path = ask_for_confirmation(visitor)
    visitor.post(path)
    Comment.objects.update(status=Status.APPROVED)  # a moderator approved the first one

    response = post_comment(visitor, comment="Three months now. Thank you all.")

    later = Comment.objects.get(body="Three months now. Thank you all.")
    assert later.status == Status.APPROVED
    assert later.email_verified
    assert "comment=published" in response["Location"]
    html = visitor.get("/test-page/").content.decode()
    assert html.count('class="comment-verified"') == 2
    assert EMAIL not in html


def test_a_confirmed_email_without_an_approved_comment_is_still_held(visitor: Client) -> None:
    visitor.post(ask_for_confirmation(visitor))

    post_comment(visitor, comment="My second comment, before anyone approved the first.")

    assert set(Comment.objects.values_list("status", flat=True)) == {Status.PENDING}


def test_the_link_works_once(visitor: Client) -> None:
    path = ask_for_confirmation(visitor)
    visitor.post(path)
    erase_commenter(email=EMAIL)  # the address is no longer confirmed

    again = visitor.post(path)

    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert not VerifiedEmail.objects.exists()


def test_a_tampered_link_is_refused_and_an_old_one_has_expired(visitor: Client) -> None:
    path = ask_for_confirmation(visitor)

    tampered = visitor.post(path.replace("/verify/", "/verify/x"))
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        expired = visitor.post(path)

    assert tampered.status_code == 400
    assert "This link is not valid" in tampered.content.decode()
    assert expired.status_code == 410
    assert "This link has expired" in expired.content.decode()
    assert not VerifiedEmail.objects.exists()


def test_no_link_is_mailed_for_spam_or_to_a_confirmed_address(visitor: Client, mailoutbox) -> None:
    post_comment(visitor, confirm_email="on", homepage="robot")
    make_known_commenter(email="known@example.org")
    post_comment(visitor, confirm_email="on", email="known@example.org", comment="Hello again")

    assert [m for m in mailoutbox if m.to != ["moderators@example.org"]] == []


def test_an_address_gets_at_most_three_links_a_day(visitor: Client, mailoutbox) -> None:
    for number in range(5):
        post_comment(visitor, confirm_email="on", comment=f"Comment number {number}")

    assert len([m for m in mailoutbox if m.to == [EMAIL]]) == 3


@pytest.mark.parametrize(
    "name",
    [
        "Recovery Navigator Team",
        "recovery  navigator   TEAM",
        "Recovery-Navigator",
        "Moderator",
        "Jane (moderator)",
        "\u0410dmin",  # a Cyrillic A
        "Ad\u200bmin",  # a zero-width space
        "Adm1n",
        "A D M I N",
        "Staff",
        "Moderadora Lucía",
        "Τhe Recovery Navigator",  # noqa: RUF001  (a Greek capital Tau)
    ],
)
def test_the_sites_and_its_teams_names_are_refused_with_the_text_kept(
    visitor: Client, name: str
) -> None:
    response = post_comment(visitor, name=name, comment=HOTLINE_LIE)

    assert response.status_code == 400
    html = response.content.decode()
    assert "This name could be taken for the site" in html or "different alphabets" in html
    assert 'href="#comment-name"' in html
    assert HOTLINE_LIE in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "name", ["Stafford", "Badminton fan", "Nguyễn Thị Hoa", "Ivan Иванов", "Σωκράτης", "Ana"]
)
def test_names_that_merely_contain_a_reserved_word_are_taken(visitor: Client, name: str) -> None:
    response = post_comment(visitor, name=name)

    assert response.status_code == 302
    assert Comment.objects.get().name == name


def test_a_known_writer_using_another_commenters_name_is_held_and_flagged(
    visitor: Client, mailoutbox
) -> None:
    make_comment(email="ana.other@example.org", name="Dr. Ana Ruiz", body="Original advice.")
    make_known_commenter(name="Ana")

    post_comment(visitor, name="Dr  Ana Ruiz", comment=HOTLINE_LIE)

    assert Comment.objects.get(body=HOTLINE_LIE).status == Status.PENDING
    [message] = mailoutbox
    assert "Another commenter, writing from a different email address" in message.body
    assert EMAIL not in message.body + message.subject


def test_a_known_writer_may_use_their_own_name_again(visitor: Client) -> None:
    make_known_commenter(name="Ana")

    post_comment(visitor, name="ana", comment="Still here, still sober.")

    assert Comment.objects.get(body="Still here, still sober.").status == Status.APPROVED


def test_erasing_a_commenter_forgets_the_confirmation(visitor: Client) -> None:
    make_known_commenter()

    erase_commenter(email=EMAIL)

    assert not VerifiedEmail.objects.exists()


def test_the_api_shows_the_mark_but_never_the_address(visitor: Client) -> None:
    make_known_commenter()

    body = visitor.get("/api/v1/comments/", {"page": "test:page"}).json()

    assert body["comments"][0]["verified"] is True
    assert EMAIL not in str(body)


def test_a_confirmed_known_email_under_a_new_name_is_held(visitor: Client) -> None:
    make_known_commenter(name="Ana")

    post_comment(visitor, name="Hotline desk", comment=HOTLINE_LIE)

    assert Comment.objects.get(body=HOTLINE_LIE).status == Status.PENDING
    assert HOTLINE_LIE not in visitor.get("/test-page/").content.decode()


def test_the_api_can_ask_for_the_link_too(visitor: Client, mailoutbox) -> None:
    token = visitor.get(
        "/api/v1/comments/token", {"page": "test:page", "page_url": "/test-page/"}
    ).json()["token"]
    body = {
        "page": "test:page",
        "page_url": "/test-page/",
        "token": token,
        "comment": "Thank you for the clear words.",
        "name": "Ana",
        "email": EMAIL,
        "consent": True,
        "confirm_email": True,
    }
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30), tick=False):
        response = visitor.post("/api/v1/comments/", body, content_type="application/json")

    assert response.status_code == 202
    assert EMAIL not in response.content.decode()
    assert [m.to for m in mailoutbox if m.to != ["moderators@example.org"]] == [[EMAIL]]


def test_the_confirmation_page_is_never_cached(visitor: Client) -> None:
    response = visitor.get(ask_for_confirmation(visitor))

    assert "no-store" in response["Cache-Control"]
