"""Pages that combine areas (`pages`) and the intro composer (`compose`)."""
