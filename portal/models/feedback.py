"""What people tell us through the feedback form (the phase banner's link): no personal data is
asked for; site admins read it in the CMS and get each one by email."""

from django.db import models


class Feedback(models.Model):
    class Rating(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", "Very satisfied"
        SATISFIED = "satisfied", "Satisfied"
        NEITHER = "neither", "Neither satisfied nor dissatisfied"
        DISSATISFIED = "dissatisfied", "Dissatisfied"
        VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"

    rating = models.CharField(max_length=20, choices=Rating.choices)
    comments = models.TextField(blank=True, max_length=1200)
    page = models.CharField(
        max_length=200, blank=True, help_text="The page of the portal the feedback link was on"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.get_rating_display()} ({self.created_at:%-d %B %Y})"
