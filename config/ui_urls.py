"""URLs of the keyboard-first keying and review pages' helpers (issue 3) and the language switch.
Included from config/urls.py with `path("", include("config.ui_urls"))`."""
from django.urls import include, path

from dataentry import ui_views as d
from review import ui_views as r

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/<int:document_id>/pages/<int:number>@<int:dpi>.png", d.page_image_hd, name="ui_page_image_hd"),
    path("keying/<int:entry_id>/validate/", d.keying_validate, name="ui_keying_validate"),
    path("keying/<int:entry_id>/lease/", d.keying_lease, name="ui_keying_lease"),
    path("keying/<int:entry_id>/prefetch/", d.keying_prefetch, name="ui_keying_prefetch"),
    path("keying/<int:entry_id>/release-ahead/", d.keying_release_ahead, name="ui_keying_release_ahead"),
    path("review/<int:task_id>/evidence.json", r.review_evidence, name="ui_review_evidence"),
    path("review/<int:task_id>/reclaim/", r.review_reclaim, name="ui_review_reclaim"),
]
