cost examples/payments-api.yaml
