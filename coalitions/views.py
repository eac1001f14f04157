from django.shortcuts import render


def directory(request):
    return render(request, "coming_soon.html", {"title": "Coalition directory"})
