from django.urls import path

from tracker.pagecache import public_page

from . import views

app_name = "live"

urlpatterns = [
    path("live/bar/", views.bar, name="bar"),
    path("updates/", views.UpdatesView.as_view(), name="updates"),
    path("updates/key-events/", views.KeyEventsView.as_view(), name="key-events"),
    path("updates/<int:pk>/", views.permalink, name="update"),
    path("updates/days/<str:date>/", views.day, name="day"),
    path("updates/new/", views.updates_new, name="updates-new"),
    path(
        "updates/key-events/new/",
        views.updates_new,
        {"key_events": True},
        name="key-events-new",
    ),
    path("updates/feed/rss/", public_page(views.UpdatesFeed()), name="updates-rss"),
    path("updates/feed/atom/", public_page(views.UpdatesAtomFeed()), name="updates-atom"),
    path("desk/", views.desk, name="desk"),
    path("desk/updates/<int:pk>/edit/", views.edit, name="banner-edit"),
    path("desk/updates/<int:pk>/pin/", views.pin, name="banner-pin"),
    path("desk/updates/<int:pk>/unpin/", views.unpin, name="banner-unpin"),
    path("desk/banners/<int:pk>/retract/", views.retract, name="banner-retract"),
    path("desk/coverage/end/", views.end_coverage, name="coverage-end"),
    path("desk/coverage/reopen/", views.reopen_coverage, name="coverage-reopen"),
]
