"""The security and privacy baseline: headers on every response, a clean deployment check."""

import os
import subprocess
import sys

import pytest
from django.test import Client

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-test-key-" + "y" * 20,
    "ALLOWED_HOSTS": "recoverynav.example.org",
    "DEBUG": "",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", "recoverynav", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_refuses_the_development_secret_key() -> None:
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "recoverynav.E001" in result.stderr


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/help-now/")

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_production_responses_add_hsts(visitor: Client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False

    response = visitor.get("/", secure=True)

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_settings_make_cookies_secure() -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "recoverynav.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.stdout.split() == ["True"] * 5, result.stderr


@pytest.mark.django_db
def test_the_benchmark_page_is_not_served_unless_a_benchmark_turns_it_on(visitor: Client) -> None:
    assert visitor.get("/bench/constant").status_code == 404


EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSP_DIRECTIVES = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/es/help-now/", "/privacy/", "/no-such-page/", "/healthz", "/admin/login/",
     "/api/v1/docs", "/static/core/site.css"],
)  # fmt: skip
def test_every_kind_of_response_carries_the_full_header_set(
    visitor: Client, hotlines: None, settings, path: str
) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    # WhiteNoise serves the file itself whether or not `collectstatic` has run in this
    # checkout (it used to be Django's 404 page here unless it had).
    settings.WHITENOISE_USE_FINDERS = True

    response = visitor.get(path, secure=True)

    if path.startswith("/static/"):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/css")
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    csp = response.headers["Content-Security-Policy"]
    for directive in CSP_DIRECTIVES:
        assert directive in csp, (path, directive)
    assert "unsafe" not in csp
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
