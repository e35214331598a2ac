import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the SAMHSA list of providers of medications for opioid use disorder (one "
        "row per provider and medication)."
    )
    source = "samhsa-moud"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.MOUD_DATE, "the date of the bundled 2020 MOUD list"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_moud(path, verified=options["verified"])
