"""The dataset's controlled words: the types and hedges a record can have.

Kept apart from the pydantic model so that the command line can offer these choices
(in `--help` and in shell completion) without importing pydantic.
"""

from __future__ import annotations

from enum import Enum


class PartnerType(str, Enum):
    """What kind of partner a record is, in the article's own categories.

    Only the kinds the article names: a new source that names another kind adds it here.
    """

    UNIVERSITY = "university"
    INSTITUTION = "institution"
    CLUSTER = "cluster"  # "a European Cosmetics4Wellbeing cluster"
    REGION_OR_CLUSTER = "region-or-cluster"  # "new regions or new complementary poles (AURA)"
    NETWORK = "network"


class OfficeType(str, Enum):
    """What a site of the cluster is for."""

    HEADQUARTERS = "headquarters"
    LOCAL_OFFICE = "local-office"
    INCUBATOR = "incubator"


class EventType(str, Enum):
    """What kind of gathering an event is."""

    EXHIBITION = "exhibition"
    BOARD = "board"
    TRAINING = "training"


class Status(str, Enum):
    """What the source says of a site's state: only "in operation" means it is running."""

    PLANNED = "planned"
    BEING_LAUNCHED = "being launched"
    BEING_OPENED = "being opened"
    UNDER_CONSTRUCTION = "under construction"
    IN_OPERATION = "in operation"


class Qualifier(str, Enum):
    """The source's hedge on a figure: "nearly 600" is 600 with the qualifier `nearly`."""

    NEARLY = "nearly"
    ALMOST = "almost"
    ABOUT = "about"
    AROUND = "around"
    SOME = "some"
    MORE_THAN = "more than"
    OVER = "over"
    AT_LEAST = "at least"
    UP_TO = "up to"
