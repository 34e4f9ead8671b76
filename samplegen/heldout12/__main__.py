from samplegen.heldout12 import main

main()
