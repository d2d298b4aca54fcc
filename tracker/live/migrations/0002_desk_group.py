from django.db import migrations

from tracker.groups import grant

DESK_PERMISSIONS = ["add_banner", "change_banner", "view_banner"]


def create_desk_group(apps, schema_editor):
    grant(apps, "Desk", "live", DESK_PERMISSIONS)


def remove_desk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Desk").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_desk_group, remove_desk_group)]
