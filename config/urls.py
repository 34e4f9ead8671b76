from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dataentry import views as d
from review import views as r

urlpatterns = [
    path("", d.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("documents/", d.documents, name="documents"),
    path("documents/<int:document_id>/", d.document_detail, name="document_detail"),
    path("documents/<int:document_id>/pages/<int:number>.png", d.page_image, name="page_image"),
    path("documents/<int:document_id>/original.pdf", d.original_pdf, name="original_pdf"),
    path("documents/<int:document_id>/source", d.source_file, name="source_file"),
    path("documents/<int:document_id>/release/", d.release_claim, name="release_claim"),
    path("queues/", d.queues, name="queues"),
    path("results/", d.results, name="results"),
    path("results/export.<str:fmt>", d.results_export, name="results_export"),
    path("keying/", d.keying_home, name="keying_home"),
    path("keying/next/", d.keying_next, name="keying_next"),
    path("keying/<int:entry_id>/", d.keying, name="keying"),
    path("keying/<int:entry_id>/reclaim/", d.keying_reclaim, name="keying_reclaim"),
    path("review/", r.review_home, name="review_home"),
    path("review/next/", r.review_next, name="review_next"),
    path("review/<int:task_id>/", r.review, name="review"),
    path("reports/", include("reports.urls")),
    path("api/v1/", include("api.urls")),
    path("learning/", include("learning.urls")),
    path("", include("config.ui_urls")),
    path("", include("config.tools_urls")),
    path("admin/", admin.site.urls),
]
