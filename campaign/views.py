from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from campaign import audiences, services
from campaign.forms import ContactForm
from campaign.models import AUDIENCE_SECTIONS, Page, Section
from campaign.pagecache import page_tag, section_tag
from rescue_restore.web.antiabuse import rate_limit
from rescue_restore.web.page_dependencies import depends_on


@require_safe
def home(request):
    audiences = [(section, Page.objects.published().filter(section=section).first()) for section in AUDIENCE_SECTIONS]
    about = Page.objects.published().filter(section=Section.ABOUT_TRAFFICKING).first()
    get_involved = Page.objects.published().filter(section=Section.GET_INVOLVED).first()
    context = {"audiences": audiences, "about": about, "get_involved": get_involved}
    depends_on(*(section_tag(shown) for shown in [*AUDIENCE_SECTIONS, Section.ABOUT_TRAFFICKING, Section.GET_INVOLVED]))
    return render(request, "campaign/home.html", context)


@require_safe
def section(request, section):
    """The old section address: a permanent redirect to the section's first page.

    A section page that only listed its pages was a dead end (each audience has one page,
    which carries the guidance, its materials and coalitions); the first page shows the
    section's other pages beside it, so nothing is lost and old links keep working.
    """
    if section not in Section.values or section == Section.SITE:
        raise Http404("No such section")
    first = Page.objects.published().filter(section=section).only("slug").first()
    if first is None:
        raise Http404("No page in this section yet")
    return redirect(first, permanent=True)


@require_safe
def page(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "campaign/page.html", page_context(page))


def page_context(page):
    """What ``campaign/page.html`` shows around a page: the public page, and a draft's preview (campaign/admin.py)."""
    siblings = Page.objects.published().filter(section=page.section).only("title", "slug", "section")
    depends_on(page_tag(page.pk), section_tag(page.section))
    related = audiences.related_groups(page.section)
    context = {
        "page": page,
        "siblings": siblings,
        "related": related,
        "is_audience_page": page.section in AUDIENCE_SECTIONS,
    }
    if related:  # only audience pages have related materials, and each audience its own heading
        context["related_heading"] = Section(page.section).related_heading
    if page.slug == audiences.RESOURCES_SLUG:
        context["resources"] = audiences.resources_overview()
        depends_on(*(section_tag(listed) for listed in AUDIENCE_SECTIONS))
    return context


@require_safe
def disclaimer(request):
    return render(request, "campaign/disclaimer.html")


@require_safe
def staying_safe_online(request):
    return render(request, "campaign/staying_safe_online.html")


@require_safe
def vulnerability_disclosure(request):
    return render(request, "campaign/vulnerability_disclosure.html")


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limit("contact", rate="5/h")
def contact(request):
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.receive_contact_message(form)
        # No flash message: the thanks page says it once (a message as well was announced twice).
        return redirect("campaign:contact_thanks")
    return render(request, "campaign/contact.html", {"form": form}, status=400 if form.is_bound else 200)


@require_safe
def contact_thanks(request):
    return render(request, "campaign/contact_thanks.html")
