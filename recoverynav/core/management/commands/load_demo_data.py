from django.core.management.base import BaseCommand

from recoverynav.directory import demo_data as directory_demo
from recoverynav.geo import demo_data as geo_demo
from recoverynav.hotlines import demo_data as hotlines_demo
from recoverynav.meetings import demo_data as meetings_demo

# In this order: the places the facilities and meetings are found by come first.
DEMO_DATA = [hotlines_demo, geo_demo, directory_demo, meetings_demo]


class Command(BaseCommand):
    help = (
        "Load the bundled real data (hotlines, places, facilities, meetings) where it is "
        "missing. Each app's demo_data.load_demo_data() keeps what is already stored."
    )

    def handle(self, *args, **options) -> None:
        for module in DEMO_DATA:
            module.load_demo_data(stdout=self.stdout)
        self.stdout.write("Demo data is in place.")
