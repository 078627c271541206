decide examples/hybrid-platform.yaml
