from samplegen.heldout10 import main

main()
