from pathlib import Path

from django.utils import timezone

from recoverynav.directory.importers import hsds
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = "Import Open Referral HSDS 3.0 JSON (a list of services or an API page of them)."
    source = "hsds"

    def parse(self, path: Path, options: dict) -> Parsed:
        return hsds.parse_hsds_json(path, verified=options["verified"] or timezone.localdate())
