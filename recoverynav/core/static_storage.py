"""WhiteNoise's compressed, hashed static files, with the manifest kept out of STATIC_ROOT.

The manifest (`staticfiles.json`) maps every file to its hashed name. Anything in STATIC_ROOT
is served to anyone (by WhiteNoise, or by a web server an operator points at it), and the
manifest is of no use to a visitor: it only lists what the site is built from. So it is
written to `STATIC_MANIFEST_DIR`, beside STATIC_ROOT, where collectstatic also removes the
copy an older release left inside it.
"""

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "manifest_storage", FileSystemStorage(location=settings.STATIC_MANIFEST_DIR)
        )
        super().__init__(*args, **kwargs)

    def post_process(self, *args: Any, **kwargs: Any):
        yield from super().post_process(*args, **kwargs)
        if kwargs.get("dry_run"):
            return
        for name in (self.manifest_name, f"{self.manifest_name}.gz", f"{self.manifest_name}.br"):
            if self.exists(name):
                self.delete(name)
