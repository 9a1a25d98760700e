import sys

from clientele_spark.job import main

if __name__ == "__main__":
    sys.exit(main())
