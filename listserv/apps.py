from django.apps import AppConfig


class ListservConfig(AppConfig):
    name = "listserv"
    verbose_name = "Email updates"

    def ready(self):
        from anymail.signals import tracking

        from listserv.bounces import handle_tracking

        tracking.connect(handle_tracking, dispatch_uid="listserv.bounces.handle_tracking")
