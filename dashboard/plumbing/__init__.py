"""What every run of the app needs before a page draws: the cached queries, who is signed in, the
scope chosen in the sidebar, and what to show when the database cannot be used."""
