"""Demo challenges: made later in this module."""


def seed(stdout=None):
    return None
