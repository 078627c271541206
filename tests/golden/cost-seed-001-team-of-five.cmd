cost tests/golden/seed-001-team-of-five.yaml --long
