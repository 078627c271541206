cost examples/hybrid-platform.yaml --years 5
