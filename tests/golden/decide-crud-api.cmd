decide examples/crud-api.yaml
