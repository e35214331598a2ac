import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recoverynav.directory.exports import export_services, validation_errors
from recoverynav.directory.selectors import facilities_for_export


class Command(BaseCommand):
    help = "Write the directory as Open Referral HSDS 3.0 JSON (a list of services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", help="the JSON file to write ('-' for standard output)")
        parser.add_argument(
            "--validate",
            action="store_true",
            help="check every service against the HSDS schemas (needs jsonschema)",
        )

    def handle(self, *args, **options) -> None:
        services = export_services(facilities_for_export())
        if options["validate"]:
            problems = [f"{s['id']}: {e}" for s in services for e in validation_errors(s)]
            if problems:
                raise CommandError("Invalid HSDS: " + "; ".join(problems[:10]))
        text = json.dumps(services, ensure_ascii=False, indent=1)
        if options["output"] == "-":
            self.stdout.write(text)
        else:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Wrote {len(services):,} services to {options['output']}.")
