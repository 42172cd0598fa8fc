"""Pages and htmx endpoints for intros, relationships, the journal and notifications."""
