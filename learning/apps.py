from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning loop: fine-tuning exports of accepted results, and blind audits of agreed ones."""

    name = "learning"
    default_auto_field = "django.db.models.BigAutoField"
