from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods, require_POST

from trellis.accounts import access_tokens
from trellis.accounts.forms import (
    AccessTokenForm,
    ClaimAccountForm,
    PasswordResetForm,
    SignInForm,
)
from trellis.accounts.models import AccessToken, User
from trellis.accounts.services import account_claim
from trellis.accounts.throttle import (
    claim_locked_out,
    count_invalid_claim,
    lockout_page,
    reset_email_allowed,
)
from trellis.accounts.tokens import invitation_token

FORBIDDEN = 403


def with_sso_button(response: HttpResponse) -> HttpResponse:
    """A page showing the single sign-on button may send that form to the provider: its
    POST is answered by a redirect there, which browsers check against CSP form-action."""
    if settings.SSO.enabled:
        response._csp_update = {"form-action": settings.SSO.form_action}
    return response


class SignInView(auth_views.LoginView):
    """Sign in with a password; with single sign-on on (settings.SSO), its button too.

    "SSO only" (TRELLIS_SSO_ONLY) shows the button alone and refuses a POSTed password
    before any backend reads it.
    """

    def get_context_data(self, **kwargs):
        return super().get_context_data(sso=settings.SSO, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return with_sso_button(super().render_to_response(context, **response_kwargs))

    def post(self, request, *args, **kwargs):
        if settings.SSO.only:
            context = self.get_context_data(password_refused=True)
            return self.render_to_response(context, status=FORBIDDEN)
        return super().post(request, *args, **kwargs)


sign_in = SignInView.as_view(
    template_name="accounts/sign_in.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
)
sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


class PasswordResetView(auth_views.PasswordResetView):
    """Links in the e-mail start with TRELLIS_SITE_URL, not the request's host.

    Behind a TLS-terminating proxy the request looks like plain http; the
    configured public address is the one people can open. Requests beyond the
    throttle's limits (trellis/accounts/throttle.py) send nothing and answer the same
    "check your e-mail" page, which says neither whether the account exists nor
    whether this request was one too many.
    """

    def get_context_data(self, **kwargs):
        return super().get_context_data(sso=settings.SSO, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return with_sso_button(super().render_to_response(context, **response_kwargs))

    def post(self, request, *args, **kwargs):
        if settings.SSO.only:  # no password to reset: nothing is sent
            context = self.get_context_data(password_refused=True)
            return self.render_to_response(context, status=FORBIDDEN)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not reset_email_allowed(request=self.request, email=form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    form_class=PasswordResetForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def _user_from_link(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if not user.is_active or not invitation_token.check_token(user, token):
        return None
    return user


@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Set a first password from an invitation link, then sign in.

    A client address that opened too many invalid links gets the lockout page for any
    link until its lockout time is over, so links cannot be guessed at speed.
    """
    if settings.SSO.only:  # members sign in through the identity provider instead
        refused = request.method == "POST"
        context = {"sso": settings.SSO, "password_refused": refused}
        page = render(
            request, "accounts/claim_sso_only.html", context, status=FORBIDDEN if refused else 200
        )
        return with_sso_button(page)
    if claim_locked_out(request):
        return lockout_page(request)
    user = _user_from_link(uidb64, token)
    if user is None:
        count_invalid_claim(request)
        return render(request, "accounts/claim_invalid.html", status=404)
    form = ClaimAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        account_claim(user=user, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Trellis. Your account is ready.")
        return redirect("people:profile_edit")
    return render(request, "accounts/claim.html", {"form": form, "claimed_email": user.email})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """Your personal access tokens for the API; a new one is shown here once."""
    made = None
    form = AccessTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = access_tokens.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused.message_dict.get("name", refused.messages))
        else:
            form = AccessTokenForm()
    listed = access_tokens.tokens_of(request.user)[: access_tokens.LISTED]
    context = {"form": form, "made": made, "tokens": listed, "now": timezone.now()}
    return render(request, "accounts/tokens.html", context, status=201 if made else 200)


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of your tokens; anyone else's is not found."""
    try:
        token = access_tokens.token_revoke(user=request.user, token_id=token_id)
    except AccessToken.DoesNotExist as missing:
        raise Http404("No such token.") from missing
    messages.success(request, f"“{token.name}” is revoked: nothing can use it any more.")
    return redirect("accounts:tokens")
