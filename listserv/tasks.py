"""Background work for the listserv's public forms.

A sign-up or resend request is handled here, not in the request: the
request stores the same one task row whatever the address, so neither its
time nor its database work says whether the address is on the list
(``listserv.services.queue_subscription_request``).
"""

from django.tasks import task

from listserv import services
from listserv.models import Topic


@task(queue_name="default")
def handle_subscription_request(email, name="", topic_ids=None, language=None):
    """Run ``services.request_subscription`` for a sign-up (``topic_ids`` a list) or a resend (``topic_ids`` None).

    Topics retired since the form was sent are dropped; a sign-up whose topics are all gone is ignored.
    """
    topics = None
    if topic_ids is not None:
        topics = list(Topic.objects.active().filter(pk__in=topic_ids))
        if not topics:
            return "no topics"
    services.request_subscription(email, name=name, topics=topics, language=language)
    return "handled"
