"""Console accounts: who may sign in, with passwords kept only as scrypt hashes, and the failed
sign-ins that slow down guessing (per address and per account, in SQL so that every worker sees
the same count). The `ivr users` command and the login page share these functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ivr.record.models import LoginAttempt, User, utcnow

MIN_PASSWORD = 10
FAILURE_WINDOW = timedelta(minutes=15)
FAILURES_PER_ADDRESS = 20  # an office behind one address may have several people mistyping
FAILURES_PER_ACCOUNT = 5
KEEP_ATTEMPTS = timedelta(days=1)


class AccountError(ValueError):
    """An account cannot be added or removed; the message says why."""


@dataclass(frozen=True)
class Account:
    email: str
    created_at: datetime
    last_login_at: datetime | None


def normal_email(email: str) -> str:
    return email.strip().lower()


def add(session: Session, email: str, password: str) -> Account:
    email = normal_email(email)
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError(f"'{email}' is not an email address")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters")
    user = User(email=email, password_hash=generate_password_hash(password, method="scrypt"))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise AccountError(
            f"{email} already has an account (ivr users remove {email}, then add it)"
        ) from None
    return _account(user)


def remove(session: Session, email: str) -> None:
    found = session.scalar(select(User).where(User.email == normal_email(email)))
    if found is None:
        raise AccountError(f"no account for {normal_email(email)}")
    session.delete(found)
    session.commit()


def everyone(session: Session) -> list[Account]:
    return [_account(user) for user in session.scalars(select(User).order_by(User.email))]


def any_account(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def exists(session: Session, user_id: int) -> bool:
    return session.get(User, user_id) is not None


class TooManyAttempts(Exception):
    """Too many failed sign-ins lately from this address or for this account."""


def sign_in(session: Session, email: str, password: str, address: str) -> int | None:
    """The user's id if the password is right; None (and the failure counted) if not.
    TooManyAttempts, without checking the password, once the address or account is over its limit."""
    email = normal_email(email)[:254]
    since = utcnow() - FAILURE_WINDOW
    by_address = select(func.count()).where(LoginAttempt.address == address, LoginAttempt.at >= since)
    by_account = select(func.count()).where(LoginAttempt.email == email, LoginAttempt.at >= since)
    if (session.scalar(by_address) or 0) >= FAILURES_PER_ADDRESS or (
        session.scalar(by_account) or 0
    ) >= FAILURES_PER_ACCOUNT:
        raise TooManyAttempts()
    user = session.scalar(select(User).where(User.email == email))
    if user is not None and check_password_hash(user.password_hash, password):
        user.last_login_at = utcnow()
        session.commit()
        return user.id
    if user is None:
        check_password_hash(_dummy_hash(), password)
    session.add(LoginAttempt(address=address[:64], email=email))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - KEEP_ATTEMPTS))
    session.commit()
    return None


def _account(user: User) -> Account:
    return Account(user.email, user.created_at, user.last_login_at)


@cache
def _dummy_hash() -> str:
    """Checked when the account does not exist, so that an unknown email costs the same time as a
    wrong password and does not tell which accounts exist."""
    return generate_password_hash("not a password, only here to spend the same time", method="scrypt")
