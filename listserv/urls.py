"""URLs for the listserv app. Token pages live under paths robots.txt tells crawlers to skip."""

from django.urls import path

from listserv import views

app_name = "listserv"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("resend/", views.resend, name="resend"),
    path("confirm/address/<str:token>/", views.confirm_address, name="confirm_address"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("preferences/<str:token>/address/", views.change_address, name="change_address"),
    path("preferences/<str:token>/resubscribe/", views.resubscribe, name="resubscribe"),
    path("preferences/<str:token>/language/", views.change_language, name="change_language"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("new-links/<str:token>/", views.new_links, name="new_links"),
    path("archive/", views.archive, name="archive"),
    path("archive/<slug:slug>/", views.archive_detail, name="archive_detail"),
]
