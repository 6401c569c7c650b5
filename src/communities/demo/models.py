from django.db import models


class DemoBorough(models.Model):
    """Marks that a synthetic borough was generated, and with which parameters."""

    seed = models.PositiveIntegerField()
    residents = models.PositiveIntegerField()
    council_code = models.CharField(max_length=9)
    generated_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"Demo borough (seed {self.seed}, {self.residents} residents)"
