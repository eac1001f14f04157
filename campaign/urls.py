from django.urls import path

from campaign import views

app_name = "campaign"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:section>/", views.section, name="section"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
    path("vulnerability-disclosure/", views.vulnerability_disclosure, name="vulnerability_disclosure"),
    path("staying-safe-online/", views.staying_safe_online, name="staying_safe_online"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
]
