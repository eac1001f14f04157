"""URLs for the guided look at the signs (mounted at /could-this-be-trafficking/)."""

from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.setting, name="setting"),
    path("<slug:slug>/result/", views.result, name="result"),
    path("<slug:slug>/result/print/", views.result_print, name="result_print"),
]
