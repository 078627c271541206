module example.com/team

go 1.22

require (
	github.com/gin-gonic/gin v1.10.0
	golang.org/x/sys v0.20.0 // indirect
)
