"""The words the benchmarks' made-up data is written in: one list for the search benchmark's
records and the national data set's pages, so a query that finds one finds the other."""

# Service names by category slug (portal.demo_content.CATEGORIES).
SERVICES = {
    "childrens-social-care": ["Early help and family support", "Children's centres", "Family hubs"],
    "adult-social-care": ["Day centres for older people", "Home care", "Respite and short breaks"],
    "libraries": ["Community libraries", "Home library service", "Mobile library"],
    "leisure": ["Leisure centres", "Swimming pools", "Community sports programme"],
    "youth-services": ["Youth clubs", "Detached youth work", "Youth service hubs"],
    "parks": ["Parks and green spaces", "Allotments", "Grounds maintenance"],
    "community-transport": ["Dial-a-ride", "Community transport", "School transport"],
    "public-health": ["Stop smoking service", "Sexual health clinics", "Healthy weight programme"],
    "housing-support": ["Floating support", "Homelessness prevention", "Supported housing"],
}
PLACES = [
    "north", "south", "east", "west", "central", "rural areas", "town centre", "coastal towns",
    "urban wards", "market towns", "outer estates", "the valleys", "the borough", "the county",
]  # fmt: skip
SENTENCES = [
    "The service supports residents to live independently and stay connected to their community.",
    "Volunteers and paid staff work together from a network of community buildings.",
    "Users told us they value continuity of staff and opening hours in the evening.",
    "The council wants outcomes that improve social, economic and environmental well-being.",
    "The contract covers staffing, premises, insurance and the management of volunteers.",
    "Demand has grown since the pandemic, particularly among older people and young families.",
    "The specification sets quality standards, performance indicators and reporting duties.",
    "Safeguarding, information sharing and complaints follow the council's policies.",
    "The building is shared with the health visiting team and a weekly food bank.",
]
