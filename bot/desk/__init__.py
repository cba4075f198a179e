"""The service the edges call: checks, reviews, intake of received requests, outbox bookkeeping, export."""
