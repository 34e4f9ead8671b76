from samplegen.heldout13 import main

main()
