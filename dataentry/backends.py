"""The login backend: Django's ModelBackend, with the session's user and roles read in one query.

Every request reads the logged-in user and, for the role check, their role groups. Built by the ORM
that was two queries and a sixth of a page image's CPU (issue 16). Here the user row and the role
names come from one plain SQL query, loaded through `raw()` so the database's converters apply as
for any other read; permissions, passwords and the session hash check are ModelBackend's own.

`config.settings` lists ModelBackend after this backend, so that a session made by ModelBackend
before this backend was deployed stays valid until it ends. A failed password check ends the chain
here (PermissionDenied) instead of hashing the same password again in ModelBackend.
"""
from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from dataentry.roles import ALL_ROLES, remember_roles


def _user_query() -> str:
    quote = connection.ops.quote_name
    users, groups, links = (quote(User._meta.db_table), quote(Group._meta.db_table),
                            quote(User.groups.through._meta.db_table))
    columns = ", ".join(f"u.{quote(f.column)}" for f in User._meta.concrete_fields)
    return (f"SELECT {columns}, g.{quote('name')} AS twomatch_role FROM {users} u"
            f" LEFT JOIN {links} ug ON ug.{quote('user_id')} = u.{quote('id')}"
            f" LEFT JOIN {groups} g ON g.{quote('id')} = ug.{quote('group_id')}"
            f" AND g.{quote('name')} IN ({', '.join(['%s'] * len(ALL_ROLES))})"
            f" WHERE u.{quote('id')} = %s")


class SessionUserBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and username is not None and password is not None:
            raise PermissionDenied  # ModelBackend would only check the same password again
        return user

    def get_user(self, user_id):
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        rows = list(User._default_manager.raw(_user_query(), [*ALL_ROLES, pk]))
        if not rows or not self.user_can_authenticate(rows[0]):
            return None
        user = rows[0]
        remember_roles(user, {row.twomatch_role for row in rows if row.twomatch_role})
        return user
