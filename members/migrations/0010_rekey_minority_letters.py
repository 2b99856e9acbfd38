"""Rekey the members whose names hold ĕ ĭ ŏ ŭ or ñ: the old collation key dropped those letters."""

from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

# The key is a pure function of the name; the migration must write the key the running code computes.
from common.vietnamese import MINORITY_LETTERS, collation_key

BATCH = 1000


def rekey(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    letters = [*MINORITY_LETTERS, *(letter.upper() for letter in MINORITY_LETTERS)]
    query = reduce(or_, (Q(full_name__contains=letter) for letter in letters))
    changed = []
    for member in Member.objects.filter(query).only("pk", "full_name", "sort_key").iterator(chunk_size=BATCH):
        key = collation_key(member.full_name)
        if key != member.sort_key:
            member.sort_key = key
            changed.append(member)
    Member.objects.bulk_update(changed, ["sort_key"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("members", "0006_import_file_random_name")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
