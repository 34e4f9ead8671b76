from samplegen.heldout8 import main

main()
