"""/tokens: the caller's own personal access tokens. Anyone else's token is 404."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from trellis.accounts import access_tokens
from trellis.accounts.models import AccessToken
from trellis.api.errors import answers
from trellis.api.pagination import Cursor

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    scope: AccessToken.Scope
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(max_length=access_tokens.MAX_NAME)
    scope: AccessToken.Scope = AccessToken.Scope.READ
    expires_in_days: int = Field(
        default=access_tokens.DEFAULT_EXPIRY_DAYS,
        description="7, 30, 90 or 365.",
    )


class TokenMadeOut(TokenOut):
    token: str = Field(description="The token itself. Shown this once; keep it secret.")


@router.get("", response=answers(list[TokenOut], reads_object=False), summary="Your tokens")
@paginate(Cursor)
def list_tokens(request: HttpRequest):
    return access_tokens.tokens_of(request.user)


@router.post(
    "", response=answers(TokenMadeOut, status=201, reads_object=False), summary="Make a token"
)
def create_token(request: HttpRequest, payload: TokenIn):
    made = access_tokens.token_create(
        user=request.user,
        name=payload.name,
        scope=payload.scope,
        expires_in_days=payload.expires_in_days,
    )
    return Status(201, TokenMadeOut(**TokenOut.from_orm(made.token).dict(), token=made.secret))


@router.get("/{int:token_id}", response=answers(TokenOut), summary="One of your tokens")
def get_token(request: HttpRequest, token_id: int):
    return access_tokens.token_of(request.user, token_id)


@router.delete("/{int:token_id}", response=answers(TokenOut), summary="Revoke a token")
def revoke_token(request: HttpRequest, token_id: int):
    return access_tokens.token_revoke(user=request.user, token_id=token_id)
