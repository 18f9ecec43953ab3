"""What griffiers see: relation maps as standalone HTML files (`maps`) and the
pages of the local web app (`pages`), both read from the store by `graphdata`."""
