adr examples/hybrid-platform.yaml --stdout
