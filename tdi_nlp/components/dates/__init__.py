"""DATE and DURATION: grammar (spans), context (year inference), values, resolvers, the tdi_dates component."""
