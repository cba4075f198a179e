"""The periodic digest: what it holds, building it from the store, its slots and its schedule."""
