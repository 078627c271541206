//! `cpu KERNEL N`: one CPU kernel of Benchmarks Game kind, single-threaded, printing its result in
//! the format the lab checks. KERNEL is nbody, fannkuch, spectral or trees.
// The planets' constants are quoted to the digits every language's version of n-body uses.
#![allow(clippy::excessive_precision)]

use std::io::{self, BufWriter, Write};
use std::process::exit;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: cpu nbody|fannkuch|spectral|trees N");
        exit(2);
    }
    let n: usize = match args[2].parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("cpu: N must be a whole number");
            exit(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let r = match args[1].as_str() {
        "nbody" => nbody(&mut out, n),
        "fannkuch" => fannkuch(&mut out, n),
        "spectral" => spectral(&mut out, n),
        "trees" => trees(&mut out, n),
        k => {
            eprintln!("cpu: unknown kernel {k}");
            exit(2);
        }
    };
    if r.and_then(|_| out.flush()).is_err() {
        exit(1);
    }
}

// --- n-body: floating point ----------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Body {
    x: f64,
    y: f64,
    z: f64,
    vx: f64,
    vy: f64,
    vz: f64,
    mass: f64,
}

const SOLAR_MASS: f64 = 4.0 * std::f64::consts::PI * std::f64::consts::PI;
const DAYS_PER_YEAR: f64 = 365.24;

fn body(p: [f64; 3], v: [f64; 3], mass: f64) -> Body {
    Body {
        x: p[0],
        y: p[1],
        z: p[2],
        vx: v[0],
        vy: v[1],
        vz: v[2],
        mass,
    }
}

fn planets() -> [Body; 5] {
    let mut bs = [
        body([0.0; 3], [0.0; 3], SOLAR_MASS),
        body(
            [
                4.84143144246472090e+00,
                -1.16032004402742839e+00,
                -1.03622044471123109e-01,
            ],
            [
                1.66007664274403694e-03,
                7.69901118419740425e-03,
                -6.90460016972063023e-05,
            ],
            9.54791938424326609e-04,
        ),
        body(
            [
                8.34336671824457987e+00,
                4.12479856412430479e+00,
                -4.03523417114321381e-01,
            ],
            [
                -2.76742510726862411e-03,
                4.99852801234917238e-03,
                2.30417297573763929e-05,
            ],
            2.85885980666130812e-04,
        ),
        body(
            [
                1.28943695621391310e+01,
                -1.51111514016986312e+01,
                -2.23307578892655734e-01,
            ],
            [
                2.96460137564761618e-03,
                2.37847173959480950e-03,
                -2.96589568540237556e-05,
            ],
            4.36624404335156298e-05,
        ),
        body(
            [
                1.53796971148509165e+01,
                -2.59193146099879641e+01,
                1.79258772950371181e-01,
            ],
            [
                2.68067772490389322e-03,
                1.62824170038242295e-03,
                -9.51592254519715870e-05,
            ],
            5.15138902046611451e-05,
        ),
    ];
    for b in bs.iter_mut().skip(1) {
        b.vx *= DAYS_PER_YEAR;
        b.vy *= DAYS_PER_YEAR;
        b.vz *= DAYS_PER_YEAR;
        b.mass *= SOLAR_MASS;
    }
    let (mut px, mut py, mut pz) = (0.0, 0.0, 0.0);
    for b in &bs {
        px += b.vx * b.mass;
        py += b.vy * b.mass;
        pz += b.vz * b.mass;
    }
    bs[0].vx = -px / SOLAR_MASS;
    bs[0].vy = -py / SOLAR_MASS;
    bs[0].vz = -pz / SOLAR_MASS;
    bs
}

fn energy(bs: &[Body]) -> f64 {
    let mut e = 0.0;
    for (i, b) in bs.iter().enumerate() {
        e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
        for c in &bs[i + 1..] {
            let (dx, dy, dz) = (b.x - c.x, b.y - c.y, b.z - c.z);
            e -= b.mass * c.mass / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    e
}

fn advance(bs: &mut [Body], dt: f64) {
    for i in 0..bs.len() {
        let (head, tail) = bs.split_at_mut(i + 1);
        let b = &mut head[i];
        for c in tail.iter_mut() {
            let (dx, dy, dz) = (b.x - c.x, b.y - c.y, b.z - c.z);
            let d2 = dx * dx + dy * dy + dz * dz;
            let mag = dt / (d2 * d2.sqrt());
            b.vx -= dx * c.mass * mag;
            b.vy -= dy * c.mass * mag;
            b.vz -= dz * c.mass * mag;
            c.vx += dx * b.mass * mag;
            c.vy += dy * b.mass * mag;
            c.vz += dz * b.mass * mag;
        }
    }
    for b in bs.iter_mut() {
        b.x += dt * b.vx;
        b.y += dt * b.vy;
        b.z += dt * b.vz;
    }
}

fn nbody(out: &mut impl Write, n: usize) -> io::Result<()> {
    let mut bs = planets();
    writeln!(out, "{:.9}", energy(&bs))?;
    for _ in 0..n {
        advance(&mut bs, 0.01);
    }
    writeln!(out, "{:.9}", energy(&bs))
}

// --- fannkuch-redux: integers and permutations ---------------------------------------------------

fn fannkuch(out: &mut impl Write, n: usize) -> io::Result<()> {
    let mut perm: Vec<usize> = (0..n).collect();
    let mut flip = vec![0usize; n];
    let mut count = vec![0usize; n];
    let (mut checksum, mut max_flips, mut index) = (0i64, 0i64, 0u64);
    loop {
        if n > 0 && perm[0] != 0 {
            flip.copy_from_slice(&perm);
            let mut flips = 0i64;
            let mut k = flip[0];
            while k != 0 {
                flip[..=k].reverse();
                flips += 1;
                k = flip[0];
            }
            max_flips = max_flips.max(flips);
            checksum += if index % 2 == 0 { flips } else { -flips };
        }
        // next permutation in the counting order the benchmark defines
        let mut i = 1;
        while i < n {
            perm[..=i].rotate_left(1);
            count[i] += 1;
            if count[i] <= i {
                break;
            }
            count[i] = 0;
            i += 1;
        }
        if i >= n {
            break;
        }
        index += 1;
    }
    writeln!(out, "{checksum}\nPfannkuchen({n}) = {max_flips}")
}

// --- spectral-norm: floating point over a matrix defined by a formula ----------------------------

fn a(i: usize, j: usize) -> f64 {
    1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) as f64
}

fn mul_av(v: &[f64], av: &mut [f64]) {
    for (i, r) in av.iter_mut().enumerate() {
        *r = v.iter().enumerate().map(|(j, x)| a(i, j) * x).sum();
    }
}

fn mul_atv(v: &[f64], atv: &mut [f64]) {
    for (i, r) in atv.iter_mut().enumerate() {
        *r = v.iter().enumerate().map(|(j, x)| a(j, i) * x).sum();
    }
}

fn mul_atav(v: &[f64], out: &mut [f64], tmp: &mut [f64]) {
    mul_av(v, tmp);
    mul_atv(tmp, out);
}

fn spectral(out: &mut impl Write, n: usize) -> io::Result<()> {
    let mut u = vec![1.0; n];
    let mut v = vec![0.0; n];
    let mut tmp = vec![0.0; n];
    for _ in 0..10 {
        mul_atav(&u, &mut v, &mut tmp);
        mul_atav(&v, &mut u, &mut tmp);
    }
    let vbv: f64 = u.iter().zip(&v).map(|(a, b)| a * b).sum();
    let vv: f64 = v.iter().map(|x| x * x).sum();
    writeln!(out, "{:.9}", (vbv / vv).sqrt())
}

// --- binary-trees: allocation ---------------------------------------------------------------------

struct Node {
    children: Option<(Box<Node>, Box<Node>)>,
}

fn build(depth: u32) -> Box<Node> {
    if depth == 0 {
        Box::new(Node { children: None })
    } else {
        Box::new(Node {
            children: Some((build(depth - 1), build(depth - 1))),
        })
    }
}

fn check(t: &Node) -> u64 {
    match &t.children {
        None => 1,
        Some((l, r)) => 1 + check(l) + check(r),
    }
}

fn trees(out: &mut impl Write, n: usize) -> io::Result<()> {
    const MIN_DEPTH: u32 = 4;
    let max_depth = (n as u32).max(MIN_DEPTH + 2);
    writeln!(
        out,
        "stretch tree of depth {}\t check: {}",
        max_depth + 1,
        check(&build(max_depth + 1))
    )?;
    let long_lived = build(max_depth);
    let mut d = MIN_DEPTH;
    while d <= max_depth {
        let iters = 1u64 << (max_depth - d + MIN_DEPTH);
        let mut sum = 0;
        for _ in 0..iters {
            sum += check(&build(d));
        }
        writeln!(out, "{iters}\t trees of depth {d}\t check: {sum}")?;
        d += 2;
    }
    writeln!(
        out,
        "long lived tree of depth {max_depth}\t check: {}",
        check(&long_lived)
    )
}
