"""Which stored claim a text refers to: query preparation, retrieval, ranking, the decision, the worker pool."""
