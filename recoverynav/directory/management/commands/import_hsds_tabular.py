from pathlib import Path

from django.utils import timezone

from recoverynav.directory.importers import hsds
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = "Import an Open Referral HSDS 3.0 tabular data package (a folder of CSV tables)."
    source = "hsds"

    def parse(self, path: Path, options: dict) -> Parsed:
        return hsds.parse_hsds_tabular(path, verified=options["verified"] or timezone.localdate())
