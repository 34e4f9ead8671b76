from django.apps import AppConfig


class SimulationConfig(AppConfig):
    """`manage.py simulate`: the simulator is a consumer of the workflow, so it lives outside the core."""

    name = "simulation"
    verbose_name = "Simulation"
