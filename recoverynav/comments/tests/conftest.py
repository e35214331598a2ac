import pytest


@pytest.fixture(autouse=True)
def _comment_settings(settings) -> None:
    """Known limits for the tests, whatever the environment says."""
    settings.COMMENTS_MIN_SECONDS = 5
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "comment_network": "5/600",
        "comment_email": "10/3600",
    }
    settings.RATE_LIMIT_CACHE = ""  # counted in the database
    settings.COMMENTS_BLOCKED_WORDS = ["viagra", "payday loan"]
    settings.COMMENTS_MAX_LINKS = 2
    settings.COMMENTS_MAX_LENGTH = 5000
    settings.COMMENTS_MAX_DEPTH = 3
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
