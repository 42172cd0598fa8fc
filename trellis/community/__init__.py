"""Posts members write about the problems they work on, and topic pages."""
