import sys

from data.build.run import main

sys.exit(main())
