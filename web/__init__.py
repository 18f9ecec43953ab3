"""The web server: SPARQL endpoint and editor (analysts), pages and maps (griffiers).

Griffiers' part: relation maps as standalone HTML files (`maps`) and the pages
(`pages`), both read from the store by `graphdata`."""
