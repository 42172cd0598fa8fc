"""Shared database plumbing any app may use: the mechanics of bulk writing (batches,
multi-row INSERTs, look-ups by key). It knows no Trellis model and imports no app."""
