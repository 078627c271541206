cost tests/golden/team-all-rust.yaml
