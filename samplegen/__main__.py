from samplegen import main

main()
