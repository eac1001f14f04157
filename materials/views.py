from django.shortcuts import render


def catalog(request):
    return render(request, "coming_soon.html", {"title": "Free printed materials"})
