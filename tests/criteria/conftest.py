"""Criteria fixtures on top of the shared world: the shipped 2023–2027 set and a draft copy of it."""

import pytest

from criteria import services
from criteria.models import CriteriaSet


@pytest.fixture
def published(db):
    return CriteriaSet.objects.get(code="3CD-2023-2027", version=1)


@pytest.fixture
def draft(world, published):
    return services.copy_set(criteria_set=published, by=world.province)
