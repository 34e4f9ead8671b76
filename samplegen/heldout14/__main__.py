from samplegen.heldout14 import main

main()
