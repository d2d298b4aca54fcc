"""The client's address, for login throttling."""

from django.conf import settings


def client_ip(request):
    """The visitor's address; behind our TLS proxy, the one the proxy appended last.

    Only the last X-Forwarded-For entry is trusted: anything before it came from the client.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")
