from django.db import migrations

from tracker.groups import grant

# Moderators work the queue and block readers; editors may too, and also turn comments on
# and off per article.
MODERATING = [
    "view_comment", "change_comment", "view_report", "view_reader", "change_reader",
]  # fmt: skip
SETTINGS = ["add_discussion", "change_discussion", "view_discussion"]


def create_groups(apps, schema_editor):
    grant(apps, "Moderators", "comments", MODERATING)
    for editors in ("Editors", "Chief editors"):
        grant(apps, editors, "comments", MODERATING + SETTINGS)


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0005_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_moderators)]
