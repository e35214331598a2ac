"""A mistyped setting is caught when the site starts."""

import pytest

from recoverynav.comments.checks import check_comment_settings


def test_the_default_settings_pass() -> None:
    assert check_comment_settings(None) == []


@pytest.mark.parametrize(
    ("setting", "value", "error_id"),
    [
        ("COMMENTS_MIN_SECONDS", 10**9, "comments.E003"),
    ],
)
def test_a_bad_setting_is_an_error(settings, setting: str, value, error_id: str) -> None:
    setattr(settings, setting, value)

    assert [error.id for error in check_comment_settings(None)] == [error_id]
