from samplegen.heldout5 import main

main()
