from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors write articles and everything they are made of (0002 made the group); they also
# delete parts from an article's inlines. Chief editors also publish and delete articles.
EDITED = ["article", "section", "faq", "citation", "byline", "note", "previewlink"]
SHARED = ["source", "author", "topic", "tag"]
PARTS = ["section", "faq", "citation", "byline", "note", "previewlink"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    newsroom = Permission.objects.filter(content_type__app_label="newsroom")
    editing = list(
        newsroom.filter(
            codename__in=[
                f"{action}_{model}"
                for model in EDITED + SHARED
                for action in ("add", "change", "view")
            ]
            + [f"delete_{model}" for model in PARTS]
        )
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*editing)
    chiefs, _ = Group.objects.get_or_create(name="Chief editors")
    chiefs.permissions.add(
        *editing, *newsroom.filter(codename__in=["publish_article", "delete_article"])
    )


def remove_chief_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Chief editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_chief_editors)]
