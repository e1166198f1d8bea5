"""Common Procurement Vocabulary (CPV 2008) codes for the services councils put out to tender.

Tenders classify what is bought with a CPV code (OCDS `items[].classification`, scheme "CPV"),
as Find a Tender does. The check digit of CPV 2008 follows no published algorithm (the
Publications Office says so), so codes are chosen from this list of real ones instead of typed
in; extend it with codes from the official vocabulary (Regulation (EC) No 213/2008) as needed.
"""

import re

FORMAT = re.compile(r"^\d{8}-\d$")

CODES = {
    "45000000-7": "Construction work",
    "50000000-5": "Repair and maintenance services",
    "55520000-1": "Catering services",
    "55523100-3": "School-meal services",
    "60000000-8": "Transport services (excl. Waste transport)",
    "60130000-8": "Special-purpose road passenger-transport services",
    "60140000-1": "Non-scheduled passenger transport",
    "72000000-5": "IT services: consulting, software development, Internet and support",
    "77300000-3": "Horticultural services",
    "77310000-6": "Planting and maintenance services of green areas",
    "80000000-4": "Education and training services",
    "80500000-9": "Training services",
    "85000000-9": "Health and social work services",
    "85100000-0": "Health services",
    "85143000-3": "Ambulance services",
    "85300000-2": "Social work and related services",
    "85310000-5": "Social work services",
    "85311000-2": "Social work services with accommodation",
    "85311100-3": "Welfare services for the elderly",
    "85311200-4": "Welfare services for the handicapped",
    "85311300-5": "Welfare services for children and young people",
    "85312000-9": "Social work services without accommodation",
    "85312100-0": "Daycare services",
    "85312110-3": "Child daycare services",
    "85312400-3": "Welfare services not delivered through residential institutions",
    "85320000-8": "Social services",
    "85323000-9": "Community health services",
    "90000000-7": "Sewage, refuse, cleaning and environmental services",
    "90500000-2": "Refuse and waste related services",
    "90511000-2": "Refuse collection services",
    "92000000-1": "Recreational, cultural and sporting services",
    "92500000-6": "Library, archives, museums and other cultural services",
    "92511000-6": "Library services",
    "92600000-7": "Sporting services",
    "92610000-0": "Sports facilities operation services",
    "98000000-3": "Other community, social and personal services",
}

CHOICES = sorted(((code, f"{code} {label}") for code, label in CODES.items()))


def label(code: str) -> str:
    return CODES.get(code, "")
