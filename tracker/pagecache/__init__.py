"""Whole-page cache for public pages, invalidated by one content version.

It knows no app: each app says, from its AppConfig.ready(), which of its models public
pages show (`watch`) and when its content next changes by itself (`schedule`).

- version.py: the content version, moved once per committed change of a watched model.
- schedule.py: how long a page may live, until the next scheduled change.
- decorators.py: `@public_page` and the one address of each page.
- middleware.py: stores and replays public responses.
- checks.py: the deploy check for a shared cache.
"""

from .decorators import public_page
from .schedule import schedule
from .version import content_version, move, watch

__all__ = ["content_version", "move", "public_page", "schedule", "watch"]
