cost tests/golden/team-all-go.yaml
