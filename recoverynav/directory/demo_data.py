"""`load_demo_data` calls this on every `make run`; it loads the bundled SAMHSA lists only
when the directory is empty (about ten seconds the first time)."""

from typing import TextIO

from recoverynav.directory.importers import samhsa
from recoverynav.directory.models import Facility
from recoverynav.directory.services import apply_import

# The national list first, so the other lists merge into its places.
BUNDLED = [
    ("samhsa-facilities", "sut_facilities_geocoded.csv", samhsa.parse_facility_list),
    ("samhsa-moud", "moud_providers_us_2020_samhsa.csv", samhsa.parse_moud),
    (
        "samhsa-directory",
        "methadone_facilities_2017_with_service_keys.csv",
        samhsa.parse_service_keys,
    ),
    ("samhsa-locator", "findtreatment_api_sample_2019.json", samhsa.parse_locator),
]


def load_demo_data(*, stdout: TextIO) -> None:
    if Facility.objects.exists():
        return
    for source, file_name, parse in BUNDLED:
        stdout.write(f"Treatment directory: importing {file_name} …\n")
        run = apply_import(
            parse(samhsa.DATA_DIR / file_name),
            source=source,
            file_name=file_name,
            progress=lambda message: stdout.write(message + "\n"),
        )
        stdout.write(f"  {run.created:,} new places, {run.merged:,} merged into known ones.\n")
