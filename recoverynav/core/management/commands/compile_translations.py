from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

PACKAGE_DIR = Path(__file__).resolve().parents[3]


class Command(BaseCommand):
    help = (
        "Compile every app's .po catalog to .mo in pure Python, so a fresh machine needs no "
        "GNU gettext. Only catalogs newer than their .mo are rebuilt."
    )

    def handle(self, *args, **options) -> None:
        compiled = 0
        for po_path in sorted(PACKAGE_DIR.glob("*/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            try:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot compile {po_path}: {error}") from error
            compiled += 1
        self.stdout.write(f"Translations: {compiled} catalog(s) compiled.")
