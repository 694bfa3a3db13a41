from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    """A domain error that a page view did not handle itself becomes a page with the right status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(
                request,
                "errors/domain.html",
                {"message": exception.message, "status": exception.status},
                status=exception.status,
            )
        return None
