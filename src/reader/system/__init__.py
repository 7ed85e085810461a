"""The machine around reader: the system clipboard and the user's pager and editor (no Textual)."""
