import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the SAMHSA National Directory format (CSV with a / separated Keys column "
        "of service codes)."
    )
    source = "samhsa-directory"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.DIRECTORY_2017_DATE, "the date of the bundled 2017 directory"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_service_keys(path, verified=options["verified"])
