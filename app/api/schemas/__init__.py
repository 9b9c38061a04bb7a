"""Pydantic models of the API: requests, network documents, traces, errors."""
