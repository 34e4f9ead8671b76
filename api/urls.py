"""Intake API, mounted at /api/v1/. Paths have no trailing slash, as in the OpenAPI description."""
from django.urls import path

from api import views

app_name = "api"
urlpatterns = [
    path("documents", views.documents, name="documents"),
    path("documents/<str:document_id>", views.document, name="document"),
    path("schema", views.schema, name="schema"),
]
