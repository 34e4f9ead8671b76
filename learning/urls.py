from django.urls import path

from learning import views

app_name = "learning"
urlpatterns = [
    path("exports/", views.exports, name="exports"),
    path("exports/<int:job_id>/status/", views.export_status, name="export_status"),
    path("exports/<int:job_id>/download/", views.export_download, name="export_download"),
    path("audits/", views.audits, name="audits"),
    path("audits/next/", views.audit_next, name="audit_next"),
    path("audits/<int:task_id>/", views.audit, name="audit"),
    path("audits/<int:task_id>/claim/", views.audit_reclaim, name="audit_claim"),
]
