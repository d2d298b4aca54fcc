from django.conf import settings

from .models import Topic


def site_navigation(request):
    """The site's name and topic list, for the header and footer of every page."""
    return {"site_name": settings.SITE_NAME, "nav_topics": Topic.objects.all()}


def canonical_url(request):
    """This page's address without its query string, for canonical links and sharing."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
