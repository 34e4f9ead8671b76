from samplegen.heldout2 import main

main()
