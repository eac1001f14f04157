"""factory-boy factories for the listserv app."""

import factory
from django.utils import timezone

from listserv.models import Bulletin, Subscriber, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Bulletin {n}")
    slug = factory.Sequence(lambda n: f"bulletin-{n}")
    body = "Training **this spring**. See [the materials](/materials/)."
    # Ready to send: a second person approved it (listserv/clearance.py). Pass status=DRAFT for one being written.
    status = Bulletin.Status.APPROVED

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
