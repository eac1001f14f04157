from django.shortcuts import render


def subscribe(request):
    return render(request, "coming_soon.html", {"title": "Email updates"})
