from beleidsgraaf.cli import main

main()
