"""Sync with the organisation's server library (PostgreSQL): this library as an offline replica.

Qt-free; front ends reach it through library.py. See docs/design.md, "Sync".
"""
