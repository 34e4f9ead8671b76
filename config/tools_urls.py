"""URLs of the everyday tools (issue 14): document actions, exports, the operators' "cannot key".
Included from config/urls.py with `path("", include("config.tools_urls"))`."""
from django.urls import path

from dataentry import tools_views as t

urlpatterns = [
    path("documents/export.<str:fmt>", t.documents_export, name="documents_export"),
    path("documents/<int:document_id>/priority/", t.document_priority, name="document_priority"),
    path("documents/<int:document_id>/reassign/", t.document_reassign, name="document_reassign"),
    path("documents/<int:document_id>/withdraw/", t.document_withdraw, name="document_withdraw"),
    path("documents/<int:document_id>/return/", t.document_return, name="document_return"),
    path("documents/<int:document_id>/rerun/", t.document_rerun, name="document_rerun"),
    path("documents/<int:document_id>/corrections/", t.correction_propose, name="correction_propose"),
    path("corrections/<int:correction_id>/", t.correction_decide, name="correction_decide"),
    path("keying/<int:entry_id>/set-aside/", t.keying_set_aside, name="keying_set_aside"),
    path("keying/<int:entry_id>/words/<int:number>.json", t.keying_words, name="keying_words"),
]
