from samplegen.heldout4 import main

main()
