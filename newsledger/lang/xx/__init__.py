"""The default pack ("xx"): the fields every pack starts from, and the pack of a language without one."""
