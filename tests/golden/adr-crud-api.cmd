adr examples/crud-api.yaml --stdout
