"""The user's own files: where they live, the configuration, the query history."""
