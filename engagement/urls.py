from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal.views import dashboard as portal_views
from users import views as users_views

# The admin signs in through the portal's one door (rate limits, lockout, 2FA, verified e-mail), not
# through Django's own login form; a signed-in user without admin access is refused.
admin.site.login = secure_admin_login(admin.site.login)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", portal_views.home, name="home"),
    path("", include("matters.urls")),
    path("", include("hearings.urls")),
    path("", include("portal.urls")),
    path("", include("clients.urls")),
    path("", include("audit.urls")),
    path("", include("notices.urls")),
    path("", include("billing.urls")),
    path("accounts/", include("users.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", users_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
    path("api/", include("engagement.api_urls")),
    path("healthz", healthz, name="healthz"),
]

if settings.BENCH_VIEWS:
    urlpatterns += [path("bench/", include("bench.urls"))]

# Under /api/ every answer is JSON in the one error shape; elsewhere Django's pages.
handler400 = "core.api.handler400"
handler403 = "core.api.handler403"
handler404 = "core.api.handler404"
handler500 = "core.api.handler500"
