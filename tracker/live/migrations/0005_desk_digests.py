from django.db import migrations

from tracker.groups import grant

# The desk writes a day's "at a glance" text and reads an update's earlier versions.
DESK_PERMISSIONS = ["add_daydigest", "change_daydigest", "view_daydigest", "view_revision"]


def let_desk_write_digests(apps, schema_editor):
    grant(apps, "Desk", "live", DESK_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("live", "0004_live_updates")]

    operations = [migrations.RunPython(let_desk_write_digests, migrations.RunPython.noop)]
