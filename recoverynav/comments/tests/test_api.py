"""/api/v1/comments: published comments of a page, and leaving one through the same service
(moderation, spam defense, rate limits) as the form, with a signed token instead of a
session. No response ever carries an email address."""

import datetime as dt
import json

import pytest
import time_machine
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import EMAIL, make_comment, make_known_commenter
from recoverynav.comments.tests.urls import PAGE_KEY, PAGE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]

URL = "/api/v1/comments/"


def new_token(client: Client, page: str = PAGE_KEY, page_url: str = PAGE_URL) -> str:
    return client.get(f"{URL}token", {"page": page, "page_url": page_url}).json()["token"]


def post(client: Client, **overrides: object) -> HttpResponse:
    body = {
        "page": PAGE_KEY,
        "page_url": PAGE_URL,
        "comment": "Thank you. Reading this helped my family talk about getting help.",
        "name": "Ana",
        "email": EMAIL,
        "consent": True,
        **overrides,
    }
    return client.post(URL, json.dumps(body), content_type="application/json")


def post_after_a_pause(client: Client, **overrides: object) -> HttpResponse:
    """Fetch a token, then post like a person who took half a minute to write."""
    token = new_token(client)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30), tick=False):
        return post(client, token=token, **overrides)


def test_it_lists_only_published_comments_with_replies_nested(visitor: Client) -> None:
    first = make_comment(body="First, published.")
    make_comment(body="Still waiting.", status=Status.PENDING)
    make_comment(body="A reply.", parent=first, created=timezone.now() + dt.timedelta(1))

    body = visitor.get(URL, {"page": PAGE_KEY}).json()

    assert body["count"] == 2
    assert [c["body_html"] for c in body["comments"]] == ["<p>First, published.</p>"]
    assert body["comments"][0]["replies"][0]["body_html"] == "<p>A reply.</p>"
    assert body["comments"][0]["replies"][0]["depth"] == 1


def test_it_lists_the_same_comments_in_the_same_order_as_the_page(visitor: Client) -> None:
    for number in range(3):
        make_comment(body=f"Comment number {number}.")

    listed = [c["id"] for c in visitor.get(URL, {"page": PAGE_KEY}).json()["comments"]]
    html = visitor.get(PAGE_URL).content.decode()

    positions = [html.index(f'id="comment-{pk}"') for pk in listed]
    assert positions == sorted(positions)


def test_a_page_without_comments_has_an_empty_list(visitor: Client) -> None:
    assert visitor.get(URL, {"page": "guide:nothing-yet"}).json() == {
        "page": "guide:nothing-yet",
        "count": 0,
        "comments": [],
    }


def test_no_response_carries_an_email(visitor: Client) -> None:
    make_comment(email=EMAIL)

    listed = visitor.get(URL, {"page": PAGE_KEY}).content.decode()
    posted = post_after_a_pause(visitor).content.decode()

    for text in (listed, posted):
        assert EMAIL not in text
        assert "email" not in text


def test_a_first_comment_is_held_for_moderation(visitor: Client) -> None:
    response = post_after_a_pause(visitor)

    assert response.status_code == 202
    assert response.json()["outcome"] == "pending"
    assert response.json()["comment"] is None
    comment = Comment.objects.get()
    assert (comment.status, comment.spam_reasons) == (Status.PENDING, [])
    assert comment.page_url == PAGE_URL


def test_a_known_commenters_comment_is_published_at_once(visitor: Client) -> None:
    make_known_commenter()

    response = post_after_a_pause(visitor)

    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "published"
    assert body["comment"]["name"] == "Ana"
    assert body["comment"]["id"] == Comment.objects.latest("created").pk


def test_a_reply_is_attached_to_its_published_parent(visitor: Client) -> None:
    parent = make_known_commenter()

    body = post_after_a_pause(visitor, parent=parent.pk).json()

    assert body["comment"]["depth"] == 1
    assert Comment.objects.latest("created").parent == parent


def test_posting_at_once_is_treated_like_the_form_as_likely_spam(visitor: Client) -> None:
    response = post(visitor, token=new_token(visitor))

    assert response.status_code == 202
    assert response.json()["outcome"] == "spam"
    assert Comment.objects.get().spam_reasons == ["too-fast"]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"token": "forged"}, "bad-token"),
        ({"page": "test:other-page"}, "bad-token"),
    ],
)
def test_a_bad_token_keeps_the_comment_but_as_spam(
    visitor: Client, overrides: dict, reason: str
) -> None:
    token = new_token(visitor)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30), tick=False):
        response = post(visitor, **{"token": token, **overrides})

    assert response.json()["outcome"] == "spam"
    assert reason in Comment.objects.get().spam_reasons


def test_a_comment_that_sounds_like_a_crisis_gets_help_at_once(
    visitor: Client, hotlines: None
) -> None:
    response = post_after_a_pause(visitor, comment="I want to end my life tonight.")

    body = response.json()
    assert body["outcome"] == "crisis"
    assert body["help"]["emergency_number"] == "911"
    assert body["help"]["hotlines_url"] == "http://testserver/api/v1/hotlines/US"


def test_an_expired_token_is_refused(visitor: Client, settings) -> None:
    token = new_token(visitor)
    later = timezone.now() + dt.timedelta(seconds=settings.COMMENTS_TOKEN_MAX_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = post(visitor, token=token)

    assert response.status_code == 400
    assert response.json()["code"] == "token_expired"
    assert not Comment.objects.exists()


def test_invalid_fields_are_named_with_the_forms_words(visitor: Client) -> None:
    response = post(visitor, token=new_token(visitor), comment=" \n\u3000", consent=False)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_comment"
    assert {tuple(e["loc"]) for e in body["errors"]} == {("body", "comment"), ("body", "consent")}
    assert "Please agree to publication, or leave no comment." in {e["msg"] for e in body["errors"]}
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"page_url": "https://elsewhere.example/"}, "page_url"),
        ({"parent": 0}, "parent"),
        ({"parent": "7"}, "parent"),
        ({"consent": "maybe"}, "consent"),
        ({"email": "not an email"}, "email"),
        ({"website": "https://ana.example"}, "website"),  # no longer asked for
        ({"name": "x" * 81}, "name"),
    ],
)
def test_malformed_fields_are_a_400_naming_them(
    visitor: Client, overrides: dict, field: str
) -> None:
    response = post(visitor, token="x", **overrides)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
    assert ["body", field] in [e["loc"] for e in response.json()["errors"]]
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_that_is_not_there_starts_a_thread(visitor: Client) -> None:
    response = post_after_a_pause(visitor, parent=987654)

    assert response.status_code in {201, 202}
    assert Comment.objects.get().parent is None


def test_too_many_comments_from_one_network_get_a_429_with_retry_after(
    visitor: Client, settings
) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_network": "2/600"}
    for number in range(2):
        post_after_a_pause(visitor, comment=f"Comment {number} about getting help.")

    response = post_after_a_pause(visitor, comment="One more about getting help.")

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert response.json()["code"] == "rate_limited"


def test_the_token_is_never_cached_and_says_when_posting_is_welcome(visitor: Client) -> None:
    response = visitor.get(f"{URL}token", {"page": PAGE_KEY, "page_url": PAGE_URL})

    body = response.json()
    assert "no-store" in response["Cache-Control"]
    assert body["page"] == PAGE_KEY
    not_before = dt.datetime.fromisoformat(body["not_before"])
    assert 4 <= (not_before - timezone.now()).total_seconds() <= 5


@pytest.mark.parametrize(
    "params",
    [{}, {"page": ""}, {"page": "x" * 201}],
)
def test_the_list_needs_a_page(visitor: Client, params: dict) -> None:
    response = visitor.get(URL, params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"


@pytest.mark.parametrize(
    "params",
    [{"page": PAGE_KEY}, {"page": PAGE_KEY, "page_url": "no-slash"}],
)
def test_the_token_needs_a_page_and_its_path(visitor: Client, params: dict) -> None:
    assert visitor.get(f"{URL}token", params).status_code == 400


def test_other_sites_may_read_comments_but_not_post_them(visitor: Client) -> None:
    read = visitor.get(URL, {"page": PAGE_KEY}, HTTP_ORIGIN="https://example.org")
    preflight = visitor.options(
        URL, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert read["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in preflight


@pytest.mark.parametrize("page_url", ["/guide/a b/", "/guide/\x85/", "/x\ty"])
def test_a_page_path_with_spaces_or_control_characters_is_refused(
    visitor: Client, page_url: str
) -> None:
    response = visitor.get(f"{URL}token", {"page": PAGE_KEY, "page_url": page_url})

    assert response.status_code == 400
