"""The web server: SPARQL endpoint and editor (analysts), pages and maps (griffiers)."""
