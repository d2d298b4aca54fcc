from django.db import migrations

from tracker.groups import grant

# Editors write articles and everything they are made of (0002 made the group); they also
# delete parts from an article's inlines. Chief editors also publish and delete articles.
EDITED = ["article", "section", "faq", "citation", "byline", "note", "previewlink"]
SHARED = ["source", "author", "topic", "tag"]
PARTS = ["section", "faq", "citation", "byline", "note", "previewlink"]


def create_groups(apps, schema_editor):
    editing = [
        f"{action}_{model}" for model in EDITED + SHARED for action in ("add", "change", "view")
    ] + [f"delete_{model}" for model in PARTS]
    grant(apps, "Editors", "newsroom", editing)
    grant(apps, "Chief editors", "newsroom", [*editing, "publish_article", "delete_article"])


def remove_chief_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Chief editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_chief_editors)]
