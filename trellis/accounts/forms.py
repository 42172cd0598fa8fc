from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from trellis.accounts import access_tokens
from trellis.accounts.models import AccessToken, User
from trellis.web.forms import Form


class SignInForm(auth_forms.AuthenticationForm):
    """Sign in with an e-mail address."""

    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also lets an imported member who lost the invitation set a first password."""

    def get_users(self, email: str):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)


class ClaimAccountForm(forms.Form):
    """Choose the first password of an imported account."""

    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The two passwords are not the same.")
        if first:
            password_validation.validate_password(first, user=self.user)
        return cleaned


class AccessTokenForm(Form):
    """A new personal access token: what it is for, what it may do, how long it lasts."""

    name = forms.CharField(
        max_length=access_tokens.MAX_NAME,
        help_text="What will use it, e.g. “HR sync” or “my chat bot”.",
    )
    scope = forms.ChoiceField(
        choices=AccessToken.Scope.choices,
        initial=AccessToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text="A read token can only look; give write only to what must act for you.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires after",
        choices=[(days, f"{days} days") for days in access_tokens.EXPIRY_DAYS],
        coerce=int,
        initial=access_tokens.DEFAULT_EXPIRY_DAYS,
    )
