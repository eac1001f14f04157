"""URLs for the listserv app."""

from django.urls import path

from listserv import views

app_name = "listserv"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
]
