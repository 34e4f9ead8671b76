from samplegen.heldout11 import main

main()
