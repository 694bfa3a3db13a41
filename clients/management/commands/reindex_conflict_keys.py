"""Recompute the conflict check's stored search keys after a change to clients.matching's normalisation."""

from django.core.management.base import BaseCommand
from django.db import transaction

from clients.services.conflicts import party_keys_sync, reindex_search_keys


class Command(BaseCommand):
    help = "Recompute the stored search keys of clients and parties (the conflict check's trigram index)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="rows read and written at a time")

    def handle(self, *args, batch_size, **options):
        with transaction.atomic():
            changed = reindex_search_keys(batch_size=batch_size)
            synced = party_keys_sync()
        self.stdout.write(f"{changed} search keys recomputed.")
        if synced["added"] or synced["dropped"]:
            self.stdout.write(
                f"Names searched: {synced['added']} added, {synced['dropped']} no longer any party's dropped."
            )
