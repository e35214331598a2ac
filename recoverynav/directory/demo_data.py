"""`load_demo_data` calls this on every `make run`: each bundled SAMHSA list is imported once
(the first run takes about half a minute), and a list added to the bundle later is imported
into a directory that already holds the others."""

from typing import TextIO

from recoverynav.directory.importers import samhsa
from recoverynav.directory.models import ImportRun
from recoverynav.directory.services import apply_import

# Current lists first: the older ones then mostly join places the current ones know (which
# list wins does not depend on this order: the newest information does, see merging.py).
BUNDLED = [
    ("samhsa-directory-2024", "samhsa_su_facilities_2024.csv.gz", samhsa.parse_directory_2024),
    ("samhsa-otp", "samhsa_otp_directory_2026-05-25.csv", samhsa.parse_otp_directory),
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
    loaded = set(
        ImportRun.objects.filter(succeeded=True, dry_run=False).values_list("source", flat=True)
    )
    missing = [item for item in BUNDLED if item[0] not in loaded]
    for number, (source, file_name, parse) in enumerate(missing, start=1):
        stdout.write(f"Treatment directory: importing {file_name} …\n")
        run = apply_import(
            parse(samhsa.DATA_DIR / file_name),
            source=source,
            file_name=file_name,
            # Places listed twice are folded once, after the last list.
            fold_duplicates=number == len(missing),
            progress=lambda message: stdout.write(message + "\n"),
        )
        stdout.write(f"  {run.created:,} new places, {run.merged:,} merged into known ones.\n")
