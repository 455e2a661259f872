"""The window's sync: a Sync action (F5), a status-bar status, and a Conflicts view (see install.py)."""
