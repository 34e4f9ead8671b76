from samplegen.heldout9 import main

main()
