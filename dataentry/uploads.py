"""Upload size: one message for a file over UPLOAD_MAX_BYTES, and a handler that stops reading it.

The request limit (config/limits.py) allows a few files in one request; this handler stops a
single file at UPLOAD_MAX_BYTES while it streams in, instead of spooling all of it to disk first.
"""
from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _


def too_large_message(name: str) -> str:
    return _("%(name)s is too large (limit %(mb)d MB).") % {"name": name, "mb": settings.UPLOAD_MAX_BYTES // 1_048_576}


def refused_upload(request) -> str | None:
    """The message for a file the handler stopped, or None. Read request.FILES or POST first."""
    name = getattr(request, "upload_too_large", None)
    return None if name is None else too_large_message(name)


class UploadSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes chunks on to the storing handlers until a file exceeds
    UPLOAD_MAX_BYTES, then ends the upload without reading the rest of the body."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.request.upload_too_large = self.file_name or "upload"
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file
