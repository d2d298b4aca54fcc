import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the admin login and print it. The password comes from DJANGO_ADMIN_PASSWORD, "
        "or is generated when the user is new or --new-password is given; otherwise it is "
        "kept, because a new password signs that user out everywhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DJANGO_ADMIN_USER", "admin"))
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")
        parser.add_argument(
            "--new-password",
            action="store_true",
            help="Generate a new password even if the user has one (signs it out everywhere).",
        )

    def handle(self, *args, username, url, new_password, **options):
        wanted = os.environ.get("DJANGO_ADMIN_PASSWORD")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        # Setting a password, even the same one, ends the user's sessions: only when asked.
        keep = not created and user.has_usable_password() and not new_password
        keep = keep and (wanted is None or user.check_password(wanted))
        if keep:
            shown = wanted or (
                "unchanged (the one printed when it was set; "
                "`manage.py ensure_admin --new-password` makes a new one and signs "
                f"{username} out everywhere)"
            )
        else:
            shown = wanted or secrets.token_urlsafe(12)
            user.set_password(shown)
        user.save()
        self.stdout.write(
            self.style.SUCCESS("Admin login ready") + f"\n  address:   {url}\n"
            f"  user name: {username}\n  password:  {shown}"
        )
