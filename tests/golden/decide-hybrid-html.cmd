decide examples/hybrid-platform.yaml --format html
