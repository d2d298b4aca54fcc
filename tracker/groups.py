"""Staff roles are auth groups; data migrations give them permissions through grant()."""


def grant(apps, group_name, app_label, codenames):
    """Give the group (created if missing) these permissions of one app's models.

    Django creates permissions only after all migrations have run, so a data migration
    creates the ones it grants, named as Django names them; Django then finds them there.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    for model in apps.get_app_config(app_label).get_models():
        opts = model._meta
        defined = [
            *((f"{action}_{opts.model_name}", f"Can {action} {opts.verbose_name_raw}")
              for action in opts.default_permissions),
            *opts.permissions,
        ]  # fmt: skip
        wanted = [(codename, name) for codename, name in defined if codename in codenames]
        if not wanted:
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        for codename, name in wanted:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)
    return group
