decide examples/crud-api.yaml --format markdown
