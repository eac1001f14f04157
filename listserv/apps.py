from django.apps import AppConfig


class ListservConfig(AppConfig):
    name = "listserv"
    verbose_name = "Email updates"
