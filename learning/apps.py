from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning loop: fine-tuning exports of accepted results, and blind audits of agreed ones."""

    name = "learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The core (dataentry) imports nothing from learning: learning plugs in here (dataentry/hooks.py).
        from dataentry import hooks
        from learning import selectors

        hooks.may_view_document.register(selectors.auditor_may_view)
