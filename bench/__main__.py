"""`python -m bench`: see bench/run.py and bench/README.md (`--engine spark`: bench/spark.py)."""

import sys

if "--engine" in sys.argv[1:]:
    from bench.spark import main as spark_main

    sys.exit(spark_main(sys.argv[1:]))

from bench.run import main

sys.exit(main())
