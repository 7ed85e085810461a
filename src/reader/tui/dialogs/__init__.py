"""Modal dialogs: bookmark note and tags, yes/no confirmation, export destination."""
