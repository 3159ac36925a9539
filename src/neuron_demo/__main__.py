"""``python -m neuron_demo``: the same command line as ``neuron-demo``."""

from .cli import main

raise SystemExit(main())
