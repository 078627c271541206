module verdict.lab/workloads

go 1.22
