from django.contrib.auth.management import create_permissions
from django.db import migrations

DESK_PERMISSIONS = ["add_banner", "change_banner", "view_banner"]


def create_desk_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    desk, _ = Group.objects.get_or_create(name="Desk")
    desk.permissions.add(
        *Permission.objects.filter(content_type__app_label="live", codename__in=DESK_PERMISSIONS)
    )


def remove_desk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Desk").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_desk_group, remove_desk_group)]
