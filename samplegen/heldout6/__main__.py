from samplegen.heldout6 import main

main()
