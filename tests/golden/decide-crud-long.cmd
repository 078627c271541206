decide examples/crud-api.yaml --long
