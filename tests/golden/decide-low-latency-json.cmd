decide examples/low-latency.yaml --format json
