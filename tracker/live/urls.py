from django.urls import path

from tracker.pagecache import public_page

from . import views

app_name = "live"

urlpatterns = [
    path("live/bar/", views.bar, name="bar"),
    path("updates/", views.UpdatesView.as_view(), name="updates"),
    path("updates/new/", views.updates_new, name="updates-new"),
    path("updates/feed/rss/", public_page(views.UpdatesFeed()), name="updates-rss"),
    path("updates/feed/atom/", public_page(views.UpdatesAtomFeed()), name="updates-atom"),
    path("desk/", views.desk, name="desk"),
    path("desk/banners/<int:pk>/retract/", views.retract, name="banner-retract"),
]
