"""Shared database plumbing any app may use: the mechanics of bulk writing (batches,
multi-row INSERTs, look-ups by key), and the background worker's heartbeat (`worker`:
`trellis db_worker` notices a worker that died holding a task and queues the task again).
It knows no Trellis model of any area and imports no app."""
