"""`python -m beleidsgraaf.queries`: rewrite queries/README.md from the query headers."""
from beleidsgraaf.queries import main

main()
