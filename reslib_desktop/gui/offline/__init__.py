"""Helpers of the offline GUI: progress values, background jobs, the downloads model, collection operations."""
