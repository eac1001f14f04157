"""Every admin URL and action, for every kind of user → login redirect, 403 or 200, as roles.py declares.

The expectations are derived, not typed: a role may reach a model's page when
its app's ``roles.py`` grants the matching permission (view or change for
the list, change form and history; add; delete), a superuser holds them all,
a staff member without a role holds none, and ``ADMIN_REFUSES`` lists the
pages a ModelAdmin closes to everybody (orders are never added by hand, the
outbox is never edited...). A model registered in the admin without an
object builder here fails the grid, so new pages are not forgotten.

The requester's personal details of the grid's order are looked for in
every page a user without order permissions can open.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaign import clearance as page_clearance
from coalitions.admin import available_decisions
from coalitions.models import AffiliationRequest, OutdatedReport
from materials import clearance as material_clearance
from materials.models import MaterialDraftFile, Order, OrderingPolicy, OrderItem, StockMovement
from rescue_restore.accounts import roles
from rescue_restore.models import OutgoingEmail, ScheduledRun
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.factories.listserv import BulletinFactory, SubscriberFactory, TopicFactory
from tests.factories.materials import AudienceFactory, EditionFactory, MaterialFactory, OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

USERS = [
    "anonymous",
    "staff_fulfilment",
    "staff_editor",
    "staff_coalition_moderator",
    "staff_listserv_manager",
    "staff_approver",
    "staff_no_role",
    "superuser",
]
ROLE_OF = {
    "staff_fulfilment": roles.FULFILMENT,
    "staff_editor": roles.CONTENT_EDITORS,
    "staff_coalition_moderator": roles.COALITION_MODERATORS,
    "staff_listserv_manager": roles.LISTSERV_MANAGERS,
    "staff_approver": roles.CONTENT_APPROVERS,
}
KINDS = ["changelist", "add", "change", "delete", "history"]
# Pages a ModelAdmin refuses to everybody, superusers included: (model label, kind).
ADMIN_REFUSES = {
    ("materials.order", "add"),  # orders come from the public form
    ("materials.order", "delete"),  # history is kept
    ("materials.stockmovement", "add"),  # recorded from the edition's page, through the service
    ("materials.stockmovement", "delete"),
    ("materials.orderingpolicy", "add"),  # one row, and it exists
    ("materials.orderingpolicy", "delete"),
    ("campaign.contactmessage", "add"),
    ("campaign.pagedraft", "add"),  # a draft starts from its page ("Change the English text")
    ("materials.materialdraft", "add"),  # a draft starts from its material
    ("coalitions.affiliationrequest", "add"),
    ("coalitions.outdatedreport", "add"),
    ("rescue_restore.outgoingemail", "add"),
    ("rescue_restore.scheduledrun", "add"),  # the scheduler records its runs itself
    ("listserv.subscriber", "add"),  # people subscribe themselves (double opt-in)
    ("django_tasks_database.dbtaskresult", "add"),
    ("django_tasks_database.dbtaskresult", "delete"),
    ("axes.accessattempt", "add"),  # django-axes records sign-in attempts itself
    ("axes.accesslog", "add"),
    ("axes.accessfailurelog", "add"),
}
REQUESTER_EMAIL = "grid-requester@example.org"
REQUESTER_PHONE = "505-555-0199"
ALL_STAFF = {
    "staff_fulfilment",
    "staff_editor",
    "staff_coalition_moderator",
    "staff_listserv_manager",
    "staff_approver",
    "superuser",
}


def _dbtaskresult():
    from django_tasks_db.models import DBTaskResult, get_date_max

    return DBTaskResult.objects.create(
        enqueued_at=timezone.now(),
        run_after=get_date_max(),  # "no delay": the tests' immediate backend refuses a real run_after
        args_kwargs={"args": [], "kwargs": {}},
        task_path="rescue_restore.outbox.mail.deliver_email",
        backend_name="default",
    )


def _screening_row(model_name):
    """A row of the screening app's shipped content (its data migration; loaded again after a flush)."""
    from screening import demo, models

    demo.seed({}, None)
    return getattr(models, model_name).objects.first()


@pytest.fixture
def grid_objects(django_user_model, settings, tmp_path):
    """One object per registered model, and orders in each status the workflow pages need."""
    media = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "media"}}
    settings.STORAGES = {**settings.STORAGES, "default": media}  # the grid's draft PDF, never in var/media
    edition = EditionFactory()
    order = OrderFactory(email=REQUESTER_EMAIL, phone=REQUESTER_PHONE, name="Grid Requester")
    OrderItem.objects.create(order=order, edition=edition, quantity=3)
    coalition = CoalitionFactory()
    builders = {
        "auth.group": lambda: Group.objects.get(name=roles.FULFILMENT),
        "auth.user": lambda: django_user_model.objects.create_user("grid-user", "grid-user@example.org"),
        "django_tasks_database.dbtaskresult": _dbtaskresult,
        "campaign.page": PageFactory,
        "campaign.searchsynonym": lambda: __import__("campaign.models").models.SearchSynonym.objects.create(
            term="grid term", means="grid meaning"
        ),
        "campaign.pagedraft": lambda: page_clearance.start_draft(PageFactory(), "es", by=None),
        "campaign.contactmessage": lambda: __import__("campaign.models").models.ContactMessage.objects.create(
            name="Grid Contact", email="grid-contact@example.org", topic="other", message="Hello"
        ),
        "materials.material": lambda: edition.material,
        "materials.materialdraft": lambda: material_clearance.MATERIALS.start_draft(MaterialFactory(), "es", by=None),
        "materials.edition": lambda: edition,
        "materials.audience": AudienceFactory,
        "materials.order": lambda: order,
        "materials.orderingpolicy": lambda: OrderingPolicy.objects.create(),
        "materials.stockmovement": lambda: StockMovement.objects.create(
            edition=edition, change=5, stock_after=edition.stock_on_hand, reason="restock"
        ),
        "coalitions.affiliationrequest": lambda: AffiliationRequestFactory(reference="CR-GRID-0001"),
        "coalitions.coalition": lambda: coalition,
        "coalitions.outdatedreport": lambda: OutdatedReport.objects.create(coalition=coalition, message="Moved"),
        "screening.setting": lambda: _screening_row("Setting"),
        "screening.question": lambda: _screening_row("Question"),
        "screening.source": lambda: _screening_row("Source"),
        "screening.resulttext": lambda: _screening_row("ResultText"),
        "listserv.topic": TopicFactory,
        "listserv.subscriber": SubscriberFactory,
        "listserv.bulletin": BulletinFactory,
        "axes.accessattempt": lambda: AccessAttempt.objects.create(
            username="grid-locked", ip_address="192.0.2.1", failures_since_start=5, attempt_time=timezone.now()
        ),
        "axes.accesslog": lambda: AccessLog.objects.create(
            username="grid-user", ip_address="192.0.2.1", attempt_time=timezone.now()
        ),
        "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(
            username="grid-user", ip_address="192.0.2.1", attempt_time=timezone.now(), locked_out=False
        ),
        "rescue_restore.scheduledrun": lambda: ScheduledRun.objects.create(
            job="send_pending_mail", period_start=timezone.now(), outcome=ScheduledRun.Outcome.SUCCEEDED
        ),
        "rescue_restore.outgoingemail": lambda: OutgoingEmail.objects.create(
            purpose="materials/emails/order_confirmation",
            recipients=[REQUESTER_EMAIL],
            subject="Your order",
            body_text=f"Phone {REQUESTER_PHONE}",
        ),
    }
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(builders) == registered, "add a builder (and expectations) for every model registered in the admin"
    objects = {label: build() for label, build in builders.items()}
    objects["orders_by_status"] = {
        status: OrderFactory(status=status) for status in (Order.Status.APPROVED, Order.Status.HELD_FOR_REVIEW)
    } | {Order.Status.RECEIVED: order}
    in_review = page_clearance.start_draft(PageFactory(), "en", by=None)
    in_review.change_status("in_review")
    objects["page_draft_in_review"] = in_review
    material_in_review = material_clearance.MATERIALS.start_draft(MaterialFactory(), "en", by=None)
    material_in_review.change_status("in_review")
    objects["material_draft_in_review"] = material_in_review
    objects["material_draft_file"] = MaterialDraftFile.objects.create(
        draft=objects["materials.materialdraft"], edition=edition, pdf=ContentFile(b"%PDF-1.4\n", "grid.pdf")
    )
    objects["bulletins_by_status"] = {status: BulletinFactory(status=status) for status in ("draft", "in_review")}
    return objects


def permissions_of(user_name):
    if user_name == "superuser":
        return None  # everything
    if user_name in ROLE_OF:
        return roles.declared_permissions()[ROLE_OF[user_name]]
    return set()


def holds(user_name, *permissions):
    held = permissions_of(user_name)
    return held is None or any(permission in held for permission in permissions)


def holds_all(user_name, permissions):
    """A custom page's need: one permission name, a tuple of names all required, or a set of which any will do."""
    if isinstance(permissions, frozenset):
        return holds(user_name, *permissions)
    if isinstance(permissions, tuple) and any(isinstance(each, frozenset) for each in permissions):
        return all(holds_all(user_name, each) for each in permissions)
    if isinstance(permissions, str):
        permissions = (permissions,)
    return all(holds(user_name, permission) for permission in permissions)


def may_open(user_name, label, kind):
    if user_name == "anonymous":
        return False
    if (label, kind) in ADMIN_REFUSES:
        return False
    app_label, model_name = label.split(".")
    if kind in ("changelist", "change", "history"):
        return holds(user_name, f"{app_label}.view_{model_name}", f"{app_label}.change_{model_name}")
    return holds(user_name, f"{app_label}.{kind}_{model_name}")


def model_urls(objects):
    for model in admin.site._registry:
        opts = model._meta
        obj = objects[opts.label_lower]
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield opts.label_lower, "changelist", reverse(f"{prefix}_changelist")
        yield opts.label_lower, "add", reverse(f"{prefix}_add")
        for kind in ("change", "delete", "history"):
            yield opts.label_lower, kind, reverse(f"{prefix}_{kind}", args=[obj.pk])


def custom_urls(objects):
    """(name, URL, permission needed) for the pages that are not a ModelAdmin's standard five."""
    statuses = objects["orders_by_status"]
    steps = {
        "approve": statuses[Order.Status.RECEIVED],
        "cancel": statuses[Order.Status.APPROVED],
        "ship": statuses[Order.Status.APPROVED],
        "decline": statuses[Order.Status.HELD_FOR_REVIEW],
    }
    for step, order in steps.items():
        url = reverse("admin:materials_order_step", args=[order.pk, step])
        yield f"order step {step}", url, "materials.change_order"
    order = statuses[Order.Status.RECEIVED]
    packing = reverse("admin:materials_order_packing_slips") + f"?id={order.pk}"
    yield "packing slips", packing, "materials.view_order"
    yield "shipped report", reverse("admin:materials_order_shipped_report"), "materials.view_distribution_report"
    edition = objects["materials.edition"]
    stock_url = reverse("admin:materials_edition_stock_movement", args=[edition.pk])
    yield "stock movement", stock_url, "materials.record_stock_movement"
    request_object = objects["coalitions.affiliationrequest"]
    decisions = available_decisions(request_object)
    assert decisions, "the grid's affiliation request should allow moderation"
    for decision in decisions:
        url = reverse("admin:coalitions_affiliationrequest_decide", args=[request_object.pk, decision.slug])
        yield f"coalition decision {decision.slug}", url, "coalitions.moderate_affiliationrequest"
    bulletin = objects["listserv.bulletin"]
    yield "bulletin preview", reverse("admin:listserv_bulletin_preview", args=[bulletin.pk]), "listserv.view_bulletin"
    yield (
        "bulletin send",
        reverse("admin:listserv_bulletin_send", args=[bulletin.pk]),
        ("listserv.view_bulletin", "listserv.send_bulletin"),
    )
    draft, in_review = objects["campaign.pagedraft"], objects["page_draft_in_review"]
    view_draft = "campaign.view_pagedraft"
    yield "page draft preview", reverse("admin:campaign_pagedraft_preview", args=[draft.pk]), view_draft
    yield "page draft compare", reverse("admin:campaign_pagedraft_compare", args=[draft.pk]), view_draft
    step = "admin:campaign_pagedraft_clearance"
    yield "page draft submit", reverse(step, args=[draft.pk, "submit"]), (view_draft, "campaign.change_pagedraft")
    yield (
        "page draft approve",
        reverse(step, args=[in_review.pk, "approve"]),
        (view_draft, "campaign.approve_pagedraft"),
    )
    yield (
        "page draft send back",
        reverse(step, args=[in_review.pk, "send_back"]),
        (view_draft, frozenset({"campaign.approve_pagedraft", "campaign.change_pagedraft"})),
    )
    draft, in_review = objects["materials.materialdraft"], objects["material_draft_in_review"]
    view_draft = "materials.view_materialdraft"
    yield "material draft preview", reverse("admin:materials_materialdraft_preview", args=[draft.pk]), view_draft
    yield "material draft compare", reverse("admin:materials_materialdraft_compare", args=[draft.pk]), view_draft
    new_file = objects["material_draft_file"]
    yield (
        "material draft file",
        reverse("admin:materials_materialdraft_file", args=[draft.pk, new_file.pk, "pdf"]),
        view_draft,
    )
    step = "admin:materials_materialdraft_clearance"
    yield (
        "material draft submit",
        reverse(step, args=[draft.pk, "submit"]),
        (view_draft, "materials.change_materialdraft"),
    )
    yield (
        "material draft approve",
        reverse(step, args=[in_review.pk, "approve"]),
        (view_draft, "materials.approve_materialdraft"),
    )
    yield (
        "material draft send back",
        reverse(step, args=[in_review.pk, "send_back"]),
        (view_draft, frozenset({"materials.approve_materialdraft", "materials.change_materialdraft"})),
    )
    material = objects["materials.material"]
    yield (
        "material revisions",
        reverse("admin:materials_material_revisions", args=[material.pk]),
        "materials.view_material",
    )
    yield (
        "material start draft",
        reverse("admin:materials_material_start_draft", args=[material.pk, "en"]),
        ("materials.change_material", "materials.add_materialdraft"),
    )
    page = objects["campaign.page"]
    yield "page revisions", reverse("admin:campaign_page_revisions", args=[page.pk]), "campaign.view_page"
    yield (
        "page start draft",
        reverse("admin:campaign_page_start_draft", args=[page.pk, "en"]),
        ("campaign.change_page", "campaign.add_pagedraft"),
    )
    yield (
        "bulletin revisions",
        reverse("admin:listserv_bulletin_revisions", args=[bulletin.pk]),
        "listserv.view_bulletin",
    )
    bulletins = objects["bulletins_by_status"]
    step = "admin:listserv_bulletin_clearance"
    yield (
        "bulletin submit",
        reverse(step, args=[bulletins["draft"].pk, "submit"]),
        ("listserv.view_bulletin", "listserv.change_bulletin"),
    )
    yield (
        "bulletin approve",
        reverse(step, args=[bulletins["in_review"].pk, "approve"]),
        ("listserv.view_bulletin", "listserv.approve_bulletin"),
    )
    yield (
        "bulletin send back",
        reverse(step, args=[bulletins["in_review"].pk, "send_back"]),
        ("listserv.view_bulletin", frozenset({"listserv.approve_bulletin", "listserv.change_bulletin"})),
    )
    topic_export = reverse("admin:listserv_topic_export", args=[objects["listserv.topic"].pk])
    yield "subscriber export", topic_export, "listserv.view_subscriber"


def expected_for(user_name, allowed):
    if user_name == "anonymous":
        return 302
    return 200 if allowed else 403


def check(client, url, expected):
    response = client.get(url)
    if expected == 302:
        ok = response.status_code == 302 and response["Location"].startswith("/admin/login/")
    else:
        ok = response.status_code == expected
    return ok, response


@pytest.mark.parametrize("user_name", USERS)
def test_every_admin_url(client, request, grid_objects, user_name):
    if user_name != "anonymous":
        sign_in(client, request.getfixturevalue(user_name))
    sees_orders = holds(user_name, "materials.view_order", "materials.change_order")
    wrong, leaks = [], []

    rows = [("index", "/admin/", user_name in ALL_STAFF or user_name == "staff_no_role")]
    rows += [
        (f"{label} {kind}", url, may_open(user_name, label, kind)) for label, kind, url in model_urls(grid_objects)
    ]
    rows += [
        (name, url, user_name != "anonymous" and holds_all(user_name, perm))
        for name, url, perm in custom_urls(grid_objects)
    ]
    for name, url, allowed in rows:
        expected = expected_for(user_name, allowed)
        ok, response = check(client, url, expected)
        if not ok:
            wrong.append(f"{name} {url}: expected {expected}, got {response.status_code}")
        elif response.status_code == 200 and not sees_orders and user_name != "superuser":
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode()
            if REQUESTER_EMAIL in body or REQUESTER_PHONE in body:
                leaks.append(f"{name} {url}")
    assert wrong == [], "\n".join(wrong)
    assert leaks == [], "order personal data shown to a user without order permissions:\n" + "\n".join(leaks)
    assert len(rows) > 80  # the grid really enumerated the admin


def action_allowed(user_name, label, action):
    if user_name == "anonymous":
        return False
    app_label, model_name = label.split(".")
    needed = getattr(action, "allowed_permissions", ())
    if not holds(user_name, f"{app_label}.view_{model_name}", f"{app_label}.change_{model_name}"):
        return False
    for permission in needed:
        if permission == "view":
            if not holds(user_name, f"{app_label}.view_{model_name}", f"{app_label}.change_{model_name}"):
                return False
        elif (label, permission) in ADMIN_REFUSES or not holds(user_name, f"{app_label}.{permission}_{model_name}"):
            return False
    return True


@pytest.mark.parametrize("user_name", USERS)
def test_every_admin_action(client, request, grid_objects, superuser, user_name):
    if user_name != "anonymous":
        sign_in(client, request.getfixturevalue(user_name))
    as_superuser = RequestFactory().get("/admin/")
    as_superuser.user = superuser
    wrong, count = [], 0
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for name, action in model_admin.get_actions(as_superuser).items():
            count += 1
            obj = grid_objects[label]
            client.cookies.pop("messages", None)  # read each action's messages alone
            response = client.post(changelist, {"action": name, "_selected_action": [obj.pk]})
            notes = [str(message) for message in get_messages(response.wsgi_request)]
            allowed = action_allowed(user_name, label, action.func)
            can_view = user_name != "anonymous" and may_open(user_name, label, "changelist")
            if user_name == "anonymous":
                ok = response.status_code == 302 and response["Location"].startswith("/admin/login/")
            elif not can_view:
                ok = response.status_code == 403
            elif allowed:
                ok = response.status_code in (200, 302) and "No action selected." not in notes
            else:
                # Refused: "No action selected.", or, with no action offered at all, the plain list.
                refused = response.status_code == 302 and "No action selected." in notes
                ok = refused or (response.status_code == 200 and "cl" in response.context and not notes)
            if not ok:
                wrong.append(f"{label} {name}: allowed={allowed}, got {response.status_code} {notes}")
    assert wrong == [], "\n".join(wrong)
    assert count >= 8


def test_content_editors_never_reach_order_data(client, staff_editor, grid_objects):
    sign_in(client, staff_editor)
    order = grid_objects["materials.order"]
    for url in [
        "/admin/materials/order/",
        f"/admin/materials/order/{order.pk}/change/",
        f"/admin/materials/order/packing-slips/?id={order.pk}",
        "/admin/materials/order/reports/shipped/",
        "/admin/rescue_restore/outgoingemail/",
    ]:
        assert client.get(url).status_code == 403, url
    export = client.post("/admin/materials/order/", {"action": "export_csv", "_selected_action": [order.pk]})
    assert export.status_code == 403
    assert not AffiliationRequest.objects.filter(email=REQUESTER_EMAIL).exists()
