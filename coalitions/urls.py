"""URLs for the coalitions app."""

from django.urls import path

from coalitions import views

app_name = "coalitions"

urlpatterns = [
    path("", views.directory, name="directory"),
]
