"""Public listserv pages: thin views over ``listserv.services``.

Sign-up and resend answer every valid address the same way (a redirect to
one "check your email" page), after the same work (one task row: the worker
does the rest), so neither the answer nor its timing says who is on the list.
Links from emails open a page with a button; only the POST changes anything,
because mail scanners open links by themselves.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from listserv import services
from listserv.forms import (
    ChangeAddressForm,
    LanguageForm,
    OneClickUnsubscribeForm,
    ResendForm,
    SubscribeForm,
    TopicsForm,
)
from listserv.models import Bulletin, Subscriber
from listserv.tokens import InvalidTokenError, make_preferences_token
from rescue_restore.web.antiabuse import rate_limit
from rescue_restore.web.privacy import personal_page

GET_POST = ["GET", "HEAD", "POST"]


def _bound(form_class, request, **kwargs):
    return form_class(request.POST if request.method == "POST" else None, **kwargs)


def _form_page(request, template, form, context=None):
    return render(request, template, {"form": form, **(context or {})}, status=400 if form.is_bound else 200)


def _link_invalid(request, status=400):
    return render(request, "listserv/link_invalid.html", status=status)


@require_http_methods(GET_POST)
@rate_limit("listserv-subscribe", rate=lambda: settings.LISTSERV_SIGNUP_RATE_PER_SOURCE)
def subscribe(request):
    form = _bound(SubscribeForm, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.queue_subscription_request(
            data["email"], name=data["name"], topics=list(data["topics"]), language=data["language"]
        )
        return redirect("listserv:check_email")
    return _form_page(request, "listserv/subscribe.html", form)


@require_safe
@personal_page
def check_email(request):
    return render(request, "listserv/check_email.html")


@require_http_methods(GET_POST)
@rate_limit("listserv-resend", rate=lambda: settings.LISTSERV_RESEND_RATE_PER_SOURCE)
def resend(request):
    form = _bound(ResendForm, request)
    if request.method == "POST" and form.is_valid():
        services.queue_subscription_request(form.cleaned_data["email"])
        return redirect("listserv:check_email")
    return _form_page(request, "listserv/resend.html", form)


@require_http_methods(GET_POST)
@personal_page
@rate_limit("listserv-confirm", rate="30/h")
def confirm(request, token):
    try:
        subscriber = services.subscriber_for_confirm_token(token)
        if request.method == "POST":
            subscriber = services.confirm_subscription(token)
    except InvalidTokenError:
        return _link_invalid(request)
    if request.method == "POST":
        messages.success(request, gettext("Thank you. Your subscription is confirmed."))
        return redirect("listserv:preferences", token=make_preferences_token(subscriber))
    return render(request, "listserv/confirm.html", {"subscriber": subscriber, "topics": subscriber.topics.all()})


@require_http_methods(GET_POST)
@personal_page
@rate_limit("listserv-confirm", rate="30/h")
def confirm_address(request, token):
    if request.method == "POST":
        try:
            subscriber = services.confirm_address_change(token)
        except InvalidTokenError:
            return _link_invalid(request)
        except services.AddressTakenError:
            return render(request, "listserv/address_taken.html", status=409)
        messages.success(request, gettext("Your email updates now go to %(email)s.") % {"email": subscriber.email})
        return redirect("listserv:preferences", token=make_preferences_token(subscriber))
    try:
        _subscriber, new_email = services.address_change_for_token(token)
    except InvalidTokenError:
        return _link_invalid(request)
    return render(request, "listserv/confirm_address.html", {"new_email": new_email})


def _link_context():
    return {"link_days": settings.LISTSERV_LINK_MANAGE_DAYS}


class _LinkExpired(Exception):  # noqa: N818 (a response carried out of a helper)
    def __init__(self, response):
        self.response = response


def _subscriber_from(request, token):
    """The subscriber whose preferences a link opens: 404 if it is not genuine; if too old or revoked, a page
    that offers new links (``_LinkExpired``, answered by the view)."""
    try:
        return services.subscriber_for_link(token, manage=True)
    except services.LinkExpiredError:
        raise _LinkExpired(render(request, "listserv/link_expired.html", {"token": token}, status=410)) from None
    except InvalidTokenError:
        raise Http404(gettext("This link is not valid.")) from None


def _expired_links_answered(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LinkExpired as expired:
            return expired.response

    return wrapped


@require_http_methods(GET_POST)
@personal_page
@rate_limit("listserv-preferences", rate="30/h")
@_expired_links_answered
def preferences(request, token):
    subscriber = _subscriber_from(request, token)
    form = TopicsForm(
        request.POST if request.method == "POST" else None, initial={"topics": list(subscriber.topics.all())}
    )
    if request.method == "POST" and subscriber.status == Subscriber.Status.CONFIRMED and form.is_valid():
        services.update_topics(subscriber, list(form.cleaned_data["topics"]))
        messages.success(request, gettext("Your topics are saved."))
        return redirect("listserv:preferences", token=token)
    language_form = LanguageForm(prefix="language", initial={"language": subscriber.language})
    context = {"subscriber": subscriber, "token": token, "language_form": language_form, **_link_context()}
    return _form_page(request, "listserv/preferences.html", form, context)


@require_http_methods(["POST"])
@personal_page
@rate_limit("listserv-preferences", rate="30/h")
@_expired_links_answered
def change_language(request, token):
    """The language of the subscriber's emails, bulletins included; the page stays in the language it is read in."""
    subscriber = _subscriber_from(request, token)
    language_form = LanguageForm(request.POST, prefix="language")
    if language_form.is_valid():
        services.change_language(subscriber, language_form.cleaned_data["language"])
        messages.success(request, gettext("Your language choice is saved."))
        return redirect("listserv:preferences", token=token)
    topics_form = TopicsForm(initial={"topics": list(subscriber.topics.all())})
    context = {
        "subscriber": subscriber,
        "token": token,
        "form": topics_form,
        "language_form": language_form,
        **_link_context(),
    }
    return render(request, "listserv/preferences.html", context, status=400)


@require_http_methods(GET_POST)
@personal_page
@rate_limit("listserv-preferences", rate="30/h")
@_expired_links_answered
def change_address(request, token):
    subscriber = _subscriber_from(request, token)
    form = _bound(ChangeAddressForm, request)
    if request.method == "POST" and form.is_valid():
        services.request_address_change(subscriber, form.cleaned_data["new_email"])
        messages.success(
            request,
            gettext(
                "We sent a confirmation link to the new address. Your updates keep going to the current "
                "address until you use it."
            ),
        )
        return redirect("listserv:preferences", token=token)
    return _form_page(request, "listserv/change_address.html", form, {"subscriber": subscriber, "token": token})


@require_http_methods(["POST"])
@personal_page
@rate_limit("listserv-preferences", rate="30/h")
@_expired_links_answered
def resubscribe(request, token):
    subscriber = services.resubscribe(_subscriber_from(request, token))
    if subscriber.status == Subscriber.Status.CONFIRMED:
        messages.success(request, gettext("You are subscribed again."))
    else:  # e.g. the address bounced since the page was loaded: the page says what to do
        messages.error(request, gettext("Nothing changed: only an unsubscribed address can subscribe again here."))
    return redirect("listserv:preferences", token=token)


@csrf_exempt  # RFC 8058: mailbox providers post here with no cookie; the signed token is the authority.
@require_http_methods(GET_POST)
@personal_page
def unsubscribe(request, token):
    """GET shows a button (a link scanner must not unsubscribe anyone); POST unsubscribes.

    Any genuine link unsubscribes, however old (RFC 8058). Only a link that may
    still open the preferences page shows the address and offers to subscribe
    again; unsubscribing revokes the links already sent, so the page after it
    carries a new one.
    """
    try:
        subscriber, may_manage = services.open_personal_link(token)
    except InvalidTokenError:
        raise Http404(gettext("This link is not valid.")) from None
    context = {"subscriber": subscriber, "token": token, "may_manage": may_manage}
    if request.method != "POST":
        return render(request, "listserv/unsubscribe.html", context)
    form = OneClickUnsubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "listserv/unsubscribe.html", context, status=400)
    subscriber = services.unsubscribe(subscriber, note="One-click unsubscribe.")
    fresh = make_preferences_token(subscriber) if may_manage else None
    return render(request, "listserv/unsubscribed.html", {"token": fresh})


@require_http_methods(["POST"])
@personal_page
@rate_limit("listserv-new-links", rate="10/h")
def new_links(request, token):
    """ "Send me new links": from any genuine link (an expired one included), to the subscriber's own address.

    The answer is the same whether or not an email went (at most one an hour; none to an address we may not write to).
    """
    try:
        subscriber = services.subscriber_for_link(token, manage=False)
    except InvalidTokenError:
        raise Http404(gettext("This link is not valid.")) from None
    services.send_new_links(subscriber)
    return render(request, "listserv/new_links_sent.html")


@require_safe
def archive(request):
    bulletins = Bulletin.objects.sent().only("subject", "slug", "sent_at").prefetch_related("topics")
    page = Paginator(bulletins, 20).get_page(request.GET.get("page"))
    return render(request, "listserv/archive.html", {"page_obj": page})


@require_safe
def archive_detail(request, slug):
    bulletin = get_object_or_404(Bulletin.objects.sent(), slug=slug)
    version = bulletin.version_for(get_language())
    # Not written in the page's language: shown in English, marked lang="en", under a notice.
    untranslated = version.language != get_language()
    context = {"bulletin": bulletin, "version": version, "untranslated": untranslated}
    return render(request, "listserv/archive_detail.html", context)
