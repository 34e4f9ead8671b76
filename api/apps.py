from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Intake API"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from api.signals import result_saved
        from dataentry.models import Result

        # Integration boundary: see api/signals.py for why this one hook is a signal.
        post_save.connect(result_saved, sender=Result, dispatch_uid="api.result_saved")
