"""Roles are Django groups; one user may hold several. Every view names the roles it admits."""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

OPERATOR = "operator"
REVIEWER = "reviewer"
MANAGER = "manager"
ALL_ROLES = (OPERATOR, REVIEWER, MANAGER)


def _role_names(user_id: int) -> set[str]:
    """The user's role groups. Plain SQL: it runs on nearly every request, and building the same
    query with the ORM cost six times the CPU of running it (0.32 against 0.05 ms, issue 16)."""
    from django.contrib.auth.models import Group, User
    from django.db import connection

    quote = connection.ops.quote_name
    groups, links = quote(Group._meta.db_table), quote(User.groups.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT g.{quote('name')} FROM {groups} g INNER JOIN {links} ug ON ug.{quote('group_id')} = g.{quote('id')}"
            f" WHERE ug.{quote('user_id')} = %s AND g.{quote('name')} IN ({', '.join(['%s'] * len(ALL_ROLES))})",
            [user_id, *ALL_ROLES])
        return {name for (name,) in cursor.fetchall()}


def remember_roles(user, names: set[str]) -> set[str]:
    """Keep the user's role groups on the user object for this request (a superuser is a manager)."""
    user._twomatch_roles = names | {MANAGER} if user.is_superuser else names
    return user._twomatch_roles


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_twomatch_roles", None)
    if cached is None:  # read with the user by dataentry.backends for the session's user
        cached = remember_roles(user, _role_names(user.pk))
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def role_required(*roles: str):
    """Anonymous users go to the login page; logged-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied(_("Your role does not allow this page."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
