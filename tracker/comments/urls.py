from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/<int:pk>/", views.article_comments, name="article"),
    path("comments/reply/<int:pk>/", views.reply, name="reply"),
    path("comments/edit/<int:pk>/", views.edit, name="edit"),
    path("comments/delete/<int:pk>/", views.delete, name="delete"),
    path("comments/report/<int:pk>/", views.report, name="report"),
    path("readers/sign-in/", views.sign_in, name="sign-in"),
    path("readers/sign-in/sent/", views.sign_in_sent, name="sign-in-sent"),
    path("readers/sign-in/link/", views.sign_in_link, name="sign-in-link"),
    path("readers/sign-out/", views.sign_out, name="sign-out"),
    path("readers/account/", views.account, name="account"),
    path("readers/account/delete/", views.delete_account, name="account-delete"),
]
