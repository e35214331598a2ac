"""Static files in production: hashed names served, the manifest that lists them not."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def collected(tmp_path: Path, settings) -> Path:
    """collectstatic as an operator runs it, into a directory of the test's own (the working
    tree's staticfiles/ is left alone); an old release's manifest left in STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_MANIFEST_DIR = tmp_path / "staticfiles-manifest"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "recoverynav.core.static_storage.PrivateManifestStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "staticfiles.json").write_text("{}")
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_the_production_settings_use_the_storage_that_keeps_the_manifest_private() -> None:
    """Read from the settings module as production loads it (the test run's own conftest
    swaps the storage for plain files)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "STATIC_PLAIN", "STATIC_ROOT", "STATIC_MANIFEST_DIR"}
    }
    script = (
        "from recoverynav import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND']); "
        "print(s.STATIC_MANIFEST_DIR.is_relative_to(s.STATIC_ROOT))"
    )
    printed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    ).stdout.split()

    assert printed == ["recoverynav.core.static_storage.PrivateManifestStorage", "False"]


def test_the_static_manifest_is_kept_outside_what_is_served(collected: Path) -> None:
    assert (collected / "staticfiles-manifest" / "staticfiles.json").exists()
    served = {path.name for path in (collected / "staticfiles").iterdir()}
    assert not {"staticfiles.json", "staticfiles.json.gz", "staticfiles.json.br"} & served


@pytest.mark.django_db
def test_the_manifest_is_not_served_and_the_hashed_files_are(collected: Path) -> None:
    from django.templatetags.static import static

    client = Client()
    stylesheet = static("core/site.css")

    assert stylesheet != "/static/core/site.css"  # a hashed name, read from the manifest
    assert client.get(stylesheet).status_code == 200
    assert client.get("/static/staticfiles.json").status_code == 404
