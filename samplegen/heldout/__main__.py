from samplegen.heldout import main

main()
