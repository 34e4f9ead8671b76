from samplegen.heldout3 import main

main()
