from samplegen.heldout7 import main

main()
