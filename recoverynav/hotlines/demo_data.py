"""`load_demo_data` calls this on every `make run`: the bundled file is loaded again, so a
corrected number reaches an existing site, while fields edited in the admin are kept."""

from typing import TextIO

from recoverynav.hotlines.services import load_hotlines


def load_demo_data(*, stdout: TextIO) -> None:
    report = load_hotlines()
    if report.created or report.updated:
        stdout.write(
            f"Hotlines: {report.created} records loaded, {report.updated} updated from the "
            "bundled file.\n"
        )
    for edit in report.kept_edits:
        stdout.write(f"Hotlines: kept the admin's edit of {edit}.\n")
