"""Articles in: reading files and pages, analysing them into claims and verdicts, storing them."""
