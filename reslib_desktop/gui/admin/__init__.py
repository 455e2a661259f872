"""Admin windows: import, edit, delete, import history, possible duplicates, export."""
