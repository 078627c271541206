// Command cpu runs one CPU kernel of Benchmarks Game kind, single-threaded, and prints its result
// in the format the lab checks: cpu KERNEL N, where KERNEL is nbody, fannkuch, spectral or trees.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cpu nbody|fannkuch|spectral|trees N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "cpu: N must be a whole number")
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	switch os.Args[1] {
	case "nbody":
		nbody(out, n)
	case "fannkuch":
		fannkuch(out, n)
	case "spectral":
		spectral(out, n)
	case "trees":
		trees(out, n)
	default:
		fmt.Fprintln(os.Stderr, "cpu: unknown kernel", os.Args[1])
		os.Exit(2)
	}
}

// --- n-body: floating point ------------------------------------------------------------------

type body struct{ x, y, z, vx, vy, vz, mass float64 }

const (
	solarMass   = 4 * math.Pi * math.Pi
	daysPerYear = 365.24
)

func planets() []body {
	bs := []body{
		{0, 0, 0, 0, 0, 0, solarMass},
		{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
			1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
			9.54791938424326609e-04},
		{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
			-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
			2.85885980666130812e-04},
		{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
			2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
			4.36624404335156298e-05},
		{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
			2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
			5.15138902046611451e-05},
	}
	for i := 1; i < len(bs); i++ {
		bs[i].vx *= daysPerYear
		bs[i].vy *= daysPerYear
		bs[i].vz *= daysPerYear
		bs[i].mass *= solarMass
	}
	var px, py, pz float64
	for _, b := range bs {
		px += b.vx * b.mass
		py += b.vy * b.mass
		pz += b.vz * b.mass
	}
	bs[0].vx = -px / solarMass
	bs[0].vy = -py / solarMass
	bs[0].vz = -pz / solarMass
	return bs
}

func energy(bs []body) float64 {
	e := 0.0
	for i := range bs {
		b := &bs[i]
		e += 0.5 * b.mass * (b.vx*b.vx + b.vy*b.vy + b.vz*b.vz)
		for j := i + 1; j < len(bs); j++ {
			c := &bs[j]
			dx, dy, dz := b.x-c.x, b.y-c.y, b.z-c.z
			e -= b.mass * c.mass / math.Sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}

func advance(bs []body, dt float64) {
	for i := range bs {
		b := &bs[i]
		for j := i + 1; j < len(bs); j++ {
			c := &bs[j]
			dx, dy, dz := b.x-c.x, b.y-c.y, b.z-c.z
			d2 := dx*dx + dy*dy + dz*dz
			mag := dt / (d2 * math.Sqrt(d2))
			b.vx -= dx * c.mass * mag
			b.vy -= dy * c.mass * mag
			b.vz -= dz * c.mass * mag
			c.vx += dx * b.mass * mag
			c.vy += dy * b.mass * mag
			c.vz += dz * b.mass * mag
		}
	}
	for i := range bs {
		b := &bs[i]
		b.x += dt * b.vx
		b.y += dt * b.vy
		b.z += dt * b.vz
	}
}

func nbody(out *bufio.Writer, n int) {
	bs := planets()
	fmt.Fprintf(out, "%.9f\n", energy(bs))
	for i := 0; i < n; i++ {
		advance(bs, 0.01)
	}
	fmt.Fprintf(out, "%.9f\n", energy(bs))
}

// --- fannkuch-redux: integers and permutations -------------------------------------------------

func fannkuch(out *bufio.Writer, n int) {
	perm := make([]int, n)
	flip := make([]int, n)
	count := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	checksum, maxFlips, index := 0, 0, 0
	for {
		if perm[0] != 0 {
			copy(flip, perm)
			flips := 0
			for k := flip[0]; k != 0; k = flip[0] {
				for i, j := 0, k; i < j; i, j = i+1, j-1 {
					flip[i], flip[j] = flip[j], flip[i]
				}
				flips++
			}
			if flips > maxFlips {
				maxFlips = flips
			}
			if index%2 == 0 {
				checksum += flips
			} else {
				checksum -= flips
			}
		}
		// next permutation in the counting order the benchmark defines
		i := 1
		for ; i < n; i++ {
			first := perm[0]
			copy(perm[:i], perm[1:i+1])
			perm[i] = first
			count[i]++
			if count[i] <= i {
				break
			}
			count[i] = 0
		}
		if i >= n {
			break
		}
		index++
	}
	fmt.Fprintf(out, "%d\nPfannkuchen(%d) = %d\n", checksum, n, maxFlips)
}

// --- spectral-norm: floating point over a matrix defined by a formula --------------------------

func a(i, j int) float64 { return 1.0 / float64((i+j)*(i+j+1)/2+i+1) }

func mulAv(v, av []float64) {
	for i := range av {
		s := 0.0
		for j, x := range v {
			s += a(i, j) * x
		}
		av[i] = s
	}
}

func mulAtv(v, atv []float64) {
	for i := range atv {
		s := 0.0
		for j, x := range v {
			s += a(j, i) * x
		}
		atv[i] = s
	}
}

func mulAtAv(v, out, tmp []float64) {
	mulAv(v, tmp)
	mulAtv(tmp, out)
}

func spectral(out *bufio.Writer, n int) {
	u := make([]float64, n)
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	for i := 0; i < 10; i++ {
		mulAtAv(u, v, tmp)
		mulAtAv(v, u, tmp)
	}
	var vbv, vv float64
	for i := range v {
		vbv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	fmt.Fprintf(out, "%.9f\n", math.Sqrt(vbv/vv))
}

// --- binary-trees: allocation and garbage collection -------------------------------------------

type node struct{ left, right *node }

func build(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{build(depth - 1), build(depth - 1)}
}

func (t *node) check() int {
	if t.left == nil {
		return 1
	}
	return 1 + t.left.check() + t.right.check()
}

func trees(out *bufio.Writer, n int) {
	const minDepth = 4
	maxDepth := n
	if maxDepth < minDepth+2 {
		maxDepth = minDepth + 2
	}
	fmt.Fprintf(out, "stretch tree of depth %d\t check: %d\n", maxDepth+1, build(maxDepth+1).check())
	longLived := build(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iters := 1 << uint(maxDepth-d+minDepth)
		check := 0
		for i := 0; i < iters; i++ {
			check += build(d).check()
		}
		fmt.Fprintf(out, "%d\t trees of depth %d\t check: %d\n", iters, d, check)
	}
	fmt.Fprintf(out, "long lived tree of depth %d\t check: %d\n", maxDepth, longLived.check())
}
