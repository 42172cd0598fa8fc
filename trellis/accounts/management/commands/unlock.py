"""`trellis unlock EMAIL`, `trellis unlock --ip ADDRESS`, `trellis unlock --all`.

Lifts a sign-in lockout (django-axes' failed-attempt records) and the password-reset
and invitation-claim counts (trellis/accounts/throttle.py) for an account, a client
address or everyone, says what it lifted, and records `lockout.lifted` in the audit log.
"""

from __future__ import annotations

import ipaddress

from axes.utils import reset as axes_reset
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from trellis.accounts import throttle
from trellis.audit.log import record


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Lift a sign-in lockout for an e-mail address, a client address (--ip) or all (--all)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", nargs="?", help="the e-mail address typed at sign-in")
        parser.add_argument("--ip", dest="address", help="a client address, e.g. 203.0.113.7")
        parser.add_argument("--all", action="store_true", help="every account and address")

    def handle(self, *args, email: str | None, address: str | None, all: bool, **options):
        chosen = [
            name for name, given in (("EMAIL", email), ("--ip", address), ("--all", all)) if given
        ]
        if len(chosen) != 1:
            raise CommandError("Name exactly one of: an e-mail address, --ip ADDRESS, or --all.")
        if address is not None:
            try:
                address = str(ipaddress.ip_address(address.strip()))
            except ValueError:
                raise CommandError(f"--ip {address!r} is not an IP address.") from None
        with transaction.atomic():
            if all:
                target, sign_ins, others = "everyone", axes_reset(), throttle.lift_all()
            elif address is not None:
                target = f"address {address}"
                sign_ins = axes_reset(ip=address)
                others = throttle.lift_for_address(address)
            else:
                account = throttle.normalised_account(email)
                target = f"account {account}"
                sign_ins = axes_reset(username=account)
                others = throttle.lift_for_account(account)
            record("lockout.lifted", target=target, sign_in_records=sign_ins, other_counts=others)
        if sign_ins or others:
            self.stdout.write(
                f"Lifted for {target}: {_plural(sign_ins, 'failed sign-in record')}, "
                f"{_plural(others, 'reset or claim count')}."
            )
        else:
            self.stdout.write(f"Nothing to lift for {target}: it was not locked out.")
