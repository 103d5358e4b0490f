"""Demo data: a bilingual first-look data set and synthetic city-scale data.

``load_demo_data()`` is what ``flask demo-data`` (and ``make run``, the first time)
loads: the files in ``data/`` replayed through the importer and the services (see
``loader``). ``load_scale_data(n)`` is for load tests: the engine's benchmark corpus,
checked by the importer and bulk-inserted in one transaction. Both return the rows added
per table. The demo accounts and their shared password are public by design: never load
demo data into production.
"""

from app.demo.constants import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET
from app.demo.loader import demo_data_present, load_demo_data
from app.demo.scale import load_scale_data, scale_data_present

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_STAFF_TOTP_SECRET",
    "demo_data_present",
    "load_demo_data",
    "load_scale_data",
    "scale_data_present",
]
