"""URLs for the coalitions app (mounted at /coalitions/)."""

from django.urls import path

from coalitions import views

app_name = "coalitions"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("request/", views.request_affiliation, name="request"),
    path("request/received/", views.request_received, name="request_received"),
    path("verify/<str:token>/", views.verify_listing, name="verify"),
    path("verify/<str:token>/confirm/", views.confirm_listing, name="verify_confirm"),
    path("verify/<str:token>/update/", views.update_listing, name="verify_update"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/report/", views.report_outdated, name="report"),
]
