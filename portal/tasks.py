from django.core.management import call_command
from django_tasks import task


@task()
def run_daily_job(job: str) -> dict:
    """One day's run of a daily management command, claimed and queued by portal.worker."""
    call_command(job)
    return {"job": job}
