cost examples/full-profile.yaml --evidence tests/lab/results-quick.json --format json
