from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("accuracy/", views.accuracy, name="accuracy"),
    path("cost/", views.cost, name="cost"),
    path("people/", views.people, name="people"),
    path("csv/<slug:name>.csv", views.table_csv, name="csv"),
]
