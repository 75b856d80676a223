"""The read models' queries, one module per area; projections.queries.Reads joins them."""
