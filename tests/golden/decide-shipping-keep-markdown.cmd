decide tests/scenarios/22-shipping-java-no-pain.yaml --format markdown
