"""Benchmarks (`make bench`): generated data in a throwaway SQLite database, one `name = value unit` line each."""
