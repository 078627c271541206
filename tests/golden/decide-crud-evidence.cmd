decide examples/crud-api.yaml --evidence tests/lab/results-quick.json
