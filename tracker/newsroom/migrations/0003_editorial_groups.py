from django.db import migrations

# Models whose rows editors write, and the parts of an article they delete from its inlines.
EDITED = ["article", "section", "faq", "citation", "byline", "note", "previewlink"]
SHARED = ["source", "author", "topic", "tag"]
PARTS = ["section", "faq", "citation", "byline", "note", "previewlink"]


def permission(apps, codename, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model=model)
    action = codename.split("_", 1)[0]
    name = f"Can {action} {model}" if codename.endswith(f"_{model}") else codename
    if codename == "publish_article":
        name = "Can publish, unpublish and schedule articles"
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editing = [
        permission(apps, f"{action}_{model}", model)
        for model in EDITED + SHARED
        for action in ("add", "change", "view")
    ] + [permission(apps, f"delete_{model}", model) for model in PARTS]
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*editing)
    chiefs, _ = Group.objects.get_or_create(name="Chief editors")
    chiefs.permissions.add(
        *editing,
        permission(apps, "publish_article", "article"),
        permission(apps, "delete_article", "article"),
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Chief editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
