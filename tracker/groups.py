"""Staff roles are auth groups; data migrations give them permissions through grant()."""

from django.contrib.auth.management import create_permissions


def grant(apps, group_name, app_label, codenames):
    """Give the group (created if missing) these permissions of one app."""
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    return group
