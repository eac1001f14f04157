"""URLs for the coalitions app (mounted at /coalitions/)."""

from django.urls import path

from coalitions import views

app_name = "coalitions"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("request/", views.request_affiliation, name="request"),
    path("request/received/", views.request_received, name="request_received"),
    path("verify/<str:token>/", views.verify_listing, name="verify"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/report/", views.report_outdated, name="report"),
]
