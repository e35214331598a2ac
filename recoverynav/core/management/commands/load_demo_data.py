from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the bundled real data (hotlines, guide, places, facilities, meetings) where it is "
        "missing. Each app's demo_data.load_demo_data() keeps what is already stored."
    )

    def handle(self, *args, **options) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("recoverynav."):
                continue
            try:
                module = import_module(f"{config.name}.demo_data")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo_data":
                    raise
                continue
            module.load_demo_data(stdout=self.stdout)
        self.stdout.write("Demo data is in place.")
