"""`python -m sitrep.cli`, as the module ran before it became a package."""

from sitrep.cli import main

raise SystemExit(main())
