"""Data migrations of the members app, run on rows written the old way."""

import importlib

from django.apps import apps

from members.models import Member
from tests.members.conftest import make_member


def run_migration(name, function):
    getattr(importlib.import_module(f"members.migrations.{name}"), function)(apps, None)


def test_rekey_gives_minority_names_their_full_key(world):
    ayun = make_member(world.units.eaphe_t1, "H Mai Ayŭn")
    an = make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    Member.objects.filter(pk=ayun.pk).update(sort_key="old-key")
    Member.objects.filter(pk=an.pk).update(sort_key="untouched")
    run_migration("0010_rekey_minority_letters", "rekey")
    ayun.refresh_from_db()
    fresh = Member(full_name="H Mai Ayŭn")
    fresh.fill_derived_fields()
    assert ayun.sort_key == fresh.sort_key
    assert Member.objects.get(pk=an.pk).sort_key == "untouched"
