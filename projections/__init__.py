"""Read models: folds from events to view rows, the views' queries, and the storage they share."""
