"""URLs for the materials app (mounted at /materials/)."""

from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("order/", views.order, name="order"),
    path("order/list/", views.order_list_change, name="order_list_change"),
    path("orders/<str:token>/", views.order_status, name="order_status"),
    path("orders/<str:token>/received/", views.order_confirmation, name="order_confirmation"),
    path("files/<str:item_code>/cover.jpg", views.cover_thumbnail, name="cover"),
    path("files/<str:item_code>/cover-<int:width>w.webp", views.cover_rendition, name="cover_rendition"),
    path("files/<str:item_code>/print.pdf", views.pdf, name="pdf"),
    # Last, so the fixed addresses above win (those slugs are reserved).
    path("<slug:slug>/", views.detail, name="detail"),
]
