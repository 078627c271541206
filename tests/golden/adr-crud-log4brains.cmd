adr examples/crud-api.yaml --stdout --template log4brains --deciders 'Ann Lee, Bob Roe'
