"""Demo data from the apps above portal: `seed_demo` lives here, but billing (a higher layer) adds its own.

An app above registers a seeder in its AppConfig.ready(); `seed_demo` calls each, in the same
transaction, with the demo's main matter and its people (keyword arguments: matter, lead, specialist,
client_user, partner, hearing).
"""

SEEDERS: list = []


def register_seeder(seeder) -> None:
    if seeder not in SEEDERS:
        SEEDERS.append(seeder)
