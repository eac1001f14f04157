"""URLs for the materials app."""

from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("", views.catalog, name="catalog"),
]
