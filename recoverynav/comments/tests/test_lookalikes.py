# ruff: noqa: RUF001, RUF003  (look-alike letters are what these tests are about)
"""Look-alike and invisible characters: blocked and crisis words are found through them, and
names keep none of the tricks that would make them read as someone else's."""

import pytest
from django.test import Client

from recoverynav.comments import text
from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]

DISGUISED_BLOCKED_WORDS = [
    "Cheap vi\u0430gra here",  # a Cyrillic а
    "Cheap VI\u0410GRA here",  # a Cyrillic А
    "Cheap v\u200biagra here",  # a zero-width space
    "Cheap vi\u00adagra here",  # a soft hyphen
    "Cheap via\u2060gra here",  # a word joiner
    "Cheap ｖｉａｇｒａ here",  # fullwidth letters
    "Cheap 𝐯𝐢𝐚𝐠𝐫𝐚 here",  # mathematical bold letters
    "Cheap viagr\u03b1 here",  # a Greek alpha
    "Get a p\u0430yd\u0430y lo\u0430n",  # a phrase with Cyrillic letters
]


@pytest.mark.parametrize("comment", DISGUISED_BLOCKED_WORDS)
def test_a_disguised_blocked_word_is_still_caught(visitor: Client, comment: str) -> None:
    response = post_comment(visitor, comment=comment)

    assert response["Location"] == "/test-page/?comment=spam#comment-status"
    stored = Comment.objects.get()
    assert stored.status == Status.SPAM
    assert stored.spam_reasons == ["blocked-words"]
    assert stored.body == comment  # what the writer wrote is kept as written


def test_crisis_words_are_found_through_invisible_characters(visitor: Client) -> None:
    response = post_comment(visitor, comment="I want to k\u200bill myself tonight")

    assert response["Location"] == "/test-page/?comment=crisis#comment-status"


@pytest.mark.parametrize(
    "comment",
    [
        "Привет, я из Москвы. Спасибо за эту страницу.",  # Russian text is not a blocked word
        "Η θεραπεία με μεθαδόνη με βοήθησε.",  # nor is Greek
        "My specialist helped a lot.",
    ],
)
def test_text_in_other_alphabets_is_not_taken_for_a_blocked_word(
    visitor: Client, comment: str, settings
) -> None:
    settings.COMMENTS_BLOCKED_WORDS = ["viagra", "cialis", "payday loan"]

    post_comment(visitor, comment=comment)

    assert Comment.objects.get().status == Status.PENDING


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u202eAna\u202c", "Ana"),  # a right-to-left override
        ("Ana \u2067M.\u2069", "Ana M."),  # an isolate
        ("Sam\u200b O'Connor", "Sam O'Connor"),  # a zero-width space
        ("\u200fرضا\u200f", "رضا"),  # marks around an Arabic name
        ("مهرداد\u200cی", "مهرداد\u200cی"),  # Persian needs its zero-width non-joiner
        ("Ａｎａ", "Ana"),  # fullwidth
    ],
)
def test_a_name_keeps_no_direction_or_invisible_tricks(
    visitor: Client, typed: str, kept: str
) -> None:
    response = post_comment(visitor, name=typed)

    assert response.status_code == 302
    assert Comment.objects.get().name == kept


@pytest.mark.parametrize("name", ["P\u0430ul", "M\u0430ria Lopez", "J\u03bfhn", "\u0410na"])
def test_a_name_mixing_look_alike_alphabets_is_refused_with_a_reason(
    visitor: Client, name: str
) -> None:
    response = post_comment(visitor, name=name)

    assert response.status_code == 400
    html = response.content.decode()
    assert "This name mixes letters from different alphabets that look alike" in html
    assert "Reading this helped my family" in html
    assert not Comment.objects.exists()


def test_a_name_of_only_invisible_characters_is_refused(visitor: Client) -> None:
    response = post_comment(visitor, name="\u200b\u202e")

    assert response.status_code == 400
    assert "Please write a name." in response.content.decode()


def test_the_folding_reads_look_alikes_as_latin_letters() -> None:
    assert text.fold("P\u0430yPal") == "paypal"
    assert text.fold("\u0397\u03bfpe") == "hope"  # Greek capital Eta, small omicron
    assert text.fold("Más") == "mas"
