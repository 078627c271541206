/*
 * cpu KERNEL N — the C baseline of the lab's CPU kernels (nbody, fannkuch, spectral, trees), the
 * same single-threaded algorithms as the Go and Rust versions, printing the same output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- n-body: floating point ------------------------------------------------------------------- */

struct body {
	double x, y, z, vx, vy, vz, mass;
};

#define SOLAR_MASS     (4 * M_PI * M_PI)
#define DAYS_PER_YEAR  365.24
#define NBODIES	       5

static void planets(struct body *bs)
{
	static const struct body init[NBODIES] = {
	    {0, 0, 0, 0, 0, 0, 1},
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
	};
	memcpy(bs, init, sizeof init);
	bs[0].mass = SOLAR_MASS;
	for (int i = 1; i < NBODIES; i++) {
		bs[i].vx *= DAYS_PER_YEAR;
		bs[i].vy *= DAYS_PER_YEAR;
		bs[i].vz *= DAYS_PER_YEAR;
		bs[i].mass *= SOLAR_MASS;
	}
	double px = 0, py = 0, pz = 0;
	for (int i = 0; i < NBODIES; i++) {
		px += bs[i].vx * bs[i].mass;
		py += bs[i].vy * bs[i].mass;
		pz += bs[i].vz * bs[i].mass;
	}
	bs[0].vx = -px / SOLAR_MASS;
	bs[0].vy = -py / SOLAR_MASS;
	bs[0].vz = -pz / SOLAR_MASS;
}

static double energy(const struct body *bs)
{
	double e = 0;
	for (int i = 0; i < NBODIES; i++) {
		const struct body *b = &bs[i];
		e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
		for (int j = i + 1; j < NBODIES; j++) {
			const struct body *c = &bs[j];
			double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
			e -= b->mass * c->mass / sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static void advance(struct body *bs, double dt)
{
	for (int i = 0; i < NBODIES; i++) {
		struct body *b = &bs[i];
		for (int j = i + 1; j < NBODIES; j++) {
			struct body *c = &bs[j];
			double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * sqrt(d2));
			b->vx -= dx * c->mass * mag;
			b->vy -= dy * c->mass * mag;
			b->vz -= dz * c->mass * mag;
			c->vx += dx * b->mass * mag;
			c->vy += dy * b->mass * mag;
			c->vz += dz * b->mass * mag;
		}
	}
	for (int i = 0; i < NBODIES; i++) {
		bs[i].x += dt * bs[i].vx;
		bs[i].y += dt * bs[i].vy;
		bs[i].z += dt * bs[i].vz;
	}
}

static void nbody(long n)
{
	struct body bs[NBODIES];
	planets(bs);
	printf("%.9f\n", energy(bs));
	for (long i = 0; i < n; i++)
		advance(bs, 0.01);
	printf("%.9f\n", energy(bs));
}

/* --- fannkuch-redux: integers and permutations ------------------------------------------------ */

static void fannkuch(long n)
{
	int *perm = calloc((size_t)n + 1, sizeof *perm), *flip = calloc((size_t)n + 1, sizeof *flip);
	int *count = calloc((size_t)n + 1, sizeof *count);
	if (!perm || !flip || !count) {
		fprintf(stderr, "cpu: out of memory\n");
		exit(1);
	}
	for (int i = 0; i < n; i++)
		perm[i] = i;
	long checksum = 0, max_flips = 0, index = 0;
	for (;;) {
		if (n > 0 && perm[0] != 0) {
			memcpy(flip, perm, (size_t)n * sizeof *flip);
			long flips = 0;
			for (int k = flip[0]; k != 0; k = flip[0]) {
				for (int i = 0, j = k; i < j; i++, j--) {
					int t = flip[i];
					flip[i] = flip[j];
					flip[j] = t;
				}
				flips++;
			}
			if (flips > max_flips)
				max_flips = flips;
			checksum += index % 2 == 0 ? flips : -flips;
		}
		/* next permutation in the counting order the benchmark defines */
		int i = 1;
		for (; i < n; i++) {
			int first = perm[0];
			memmove(perm, perm + 1, (size_t)i * sizeof *perm);
			perm[i] = first;
			if (++count[i] <= i)
				break;
			count[i] = 0;
		}
		if (i >= n)
			break;
		index++;
	}
	printf("%ld\nPfannkuchen(%ld) = %ld\n", checksum, n, max_flips);
	free(perm);
	free(flip);
	free(count);
}

/* --- spectral-norm ---------------------------------------------------------------------------- */

static double a(long i, long j)
{
	return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(const double *v, double *av, long n)
{
	for (long i = 0; i < n; i++) {
		double s = 0;
		for (long j = 0; j < n; j++)
			s += a(i, j) * v[j];
		av[i] = s;
	}
}

static void mul_atv(const double *v, double *atv, long n)
{
	for (long i = 0; i < n; i++) {
		double s = 0;
		for (long j = 0; j < n; j++)
			s += a(j, i) * v[j];
		atv[i] = s;
	}
}

static void spectral(long n)
{
	double *u = malloc((size_t)n * sizeof *u), *v = malloc((size_t)n * sizeof *v);
	double *tmp = malloc((size_t)n * sizeof *tmp);
	if (!u || !v || !tmp) {
		fprintf(stderr, "cpu: out of memory\n");
		exit(1);
	}
	for (long i = 0; i < n; i++)
		u[i] = 1;
	for (int k = 0; k < 10; k++) {
		mul_av(u, tmp, n);
		mul_atv(tmp, v, n);
		mul_av(v, tmp, n);
		mul_atv(tmp, u, n);
	}
	double vbv = 0, vv = 0;
	for (long i = 0; i < n; i++) {
		vbv += u[i] * v[i];
		vv += v[i] * v[i];
	}
	printf("%.9f\n", sqrt(vbv / vv));
	free(u);
	free(v);
	free(tmp);
}

/* --- binary-trees: allocation ----------------------------------------------------------------- */

struct node {
	struct node *left, *right;
};

static struct node *build(int depth)
{
	struct node *t = malloc(sizeof *t);
	if (!t) {
		fprintf(stderr, "cpu: out of memory\n");
		exit(1);
	}
	t->left = depth ? build(depth - 1) : NULL;
	t->right = depth ? build(depth - 1) : NULL;
	return t;
}

static long check(const struct node *t)
{
	return t->left ? 1 + check(t->left) + check(t->right) : 1;
}

static void release(struct node *t)
{
	if (t->left) {
		release(t->left);
		release(t->right);
	}
	free(t);
}

static void trees(long n)
{
	const int min_depth = 4;
	int max_depth = n < min_depth + 2 ? min_depth + 2 : (int)n;
	struct node *stretch = build(max_depth + 1);
	printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
	release(stretch);
	struct node *long_lived = build(max_depth);
	for (int d = min_depth; d <= max_depth; d += 2) {
		long iters = 1L << (max_depth - d + min_depth), sum = 0;
		for (long i = 0; i < iters; i++) {
			struct node *t = build(d);
			sum += check(t);
			release(t);
		}
		printf("%ld\t trees of depth %d\t check: %ld\n", iters, d, sum);
	}
	printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
	release(long_lived);
}

int main(int argc, char **argv)
{
	char *end;
	long n = argc == 3 ? strtol(argv[2], &end, 10) : -1;
	if (argc != 3 || *end || n < 0 || n > 100000000L) {
		fprintf(stderr, "usage: cpu nbody|fannkuch|spectral|trees N\n");
		return 2;
	}
	if (!strcmp(argv[1], "nbody"))
		nbody(n);
	else if (!strcmp(argv[1], "fannkuch") && n <= 16)
		fannkuch(n);
	else if (!strcmp(argv[1], "spectral"))
		spectral(n);
	else if (!strcmp(argv[1], "trees") && n <= 30)
		trees(n);
	else {
		fprintf(stderr, "cpu: unknown kernel or N out of range: %s %s\n", argv[1], argv[2]);
		return 2;
	}
	return 0;
}
