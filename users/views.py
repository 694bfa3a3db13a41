from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.errors import ValidationError
from core.paging import page_of

from . import selectors
from .services import user_set_language
from .services_tokens import token_revoke, tokens_revoke_all


@require_POST
def set_language(request):
    """The language switcher: remembered on the account when signed in, in a cookie always."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        try:
            user_set_language(user=request.user, language=language)
        except ValidationError:
            return response
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@login_required
@require_GET
def api_tokens(request):
    """The signed-in user's API tokens: what each is for, when it was made and last used, when it expires."""
    page = page_of(selectors.token_list(user=request.user), request.GET.get("page"))
    return render(request, "users/api_tokens.html", {"page": page, "token_days": settings.API_TOKEN_DAYS})


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token_revoke(user=request.user, token_id=pk)
    messages.success(request, _("The token is revoked: nothing can sign in with it any more."))
    return redirect("users:api_tokens")


@login_required
@require_POST
def api_tokens_revoke_all(request):
    count = tokens_revoke_all(user=request.user)
    messages.success(
        request, ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count}
    )
    return redirect("users:api_tokens")
