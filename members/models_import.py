"""Models of the Excel import (import jobs), kept apart from the registry models."""
