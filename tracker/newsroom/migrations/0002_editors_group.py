from django.db import migrations

from tracker.groups import grant

# Editors write and edit everything an article is made of.
EDITOR_MODELS = ["article", "section", "faq", "citation", "byline", "source", "author", "topic", "tag"]


def create_editors_group(apps, schema_editor):
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in ("add", "change", "view")]
    grant(apps, "Editors", "newsroom", codenames)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
