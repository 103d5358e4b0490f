"""Staff work on pairings: the decision queue."""
