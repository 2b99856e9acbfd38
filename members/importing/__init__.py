"""Importing members from the workbooks offices keep: read safely, normalise, validate every row, then write."""
