// SPDX-License-Identifier: GPL-2.0
/* Region access sequences (see pattern.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

static const char *const names[] = {
	[PATTERN_LOOP] = "loop",	[PATTERN_UNIFORM] = "uniform",
	[PATTERN_HOTCOLD] = "hotcold",	[PATTERN_ZIPF] = "zipf",
	[PATTERN_SCAN] = "scan",	[PATTERN_PHASE] = "phase",
};

/* splitmix64: small, fast and identical on every machine. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rng_below(uint64_t *state, uint32_t n)
{
	return (uint32_t)(((rng_next(state) >> 32) * n) >> 32);
}

static double rng_unit(uint64_t *state)
{
	return (rng_next(state) >> 11) * (1.0 / 9007199254740992.0);
}

void pattern_defaults(struct pattern_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->kind = PATTERN_HOTCOLD;
	spec->nr_regions = 256;
	spec->nr_accesses = 20000;
	spec->seed = 1;
	spec->hot_fraction = 0.125;
	spec->hot_share = 0.9;
	spec->zipf_alpha = 1.0;
	spec->scan_length = 64;
	spec->hot_burst = 256;
	spec->nr_phases = 4;
}

int pattern_parse_kind(const char *name, enum pattern_kind *kind)
{
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*kind = i;
			return 0;
		}
	}
	return -1;
}

const char *pattern_name(enum pattern_kind kind)
{
	return names[kind];
}

static uint32_t hot_count(const struct pattern_spec *spec)
{
	uint32_t hot = (uint32_t)(spec->hot_fraction * spec->nr_regions + 0.5);

	return hot < 1 ? 1 : hot;
}

int pattern_check(const struct pattern_spec *spec)
{
	if (spec->nr_regions < 1) {
		fprintf(stderr, "error: the pattern needs at least one region\n");
		return -1;
	}
	if (spec->hot_fraction <= 0 || spec->hot_fraction >= 1 ||
	    spec->hot_share < 0 || spec->hot_share > 1) {
		fprintf(stderr, "error: hot fraction must be in (0, 1) and hot share"
			" in [0, 1]\n");
		return -1;
	}
	if (spec->kind == PATTERN_ZIPF && !(spec->zipf_alpha > 0)) {
		fprintf(stderr, "error: zipf alpha must be positive\n");
		return -1;
	}
	if (spec->kind != PATTERN_LOOP && spec->kind != PATTERN_UNIFORM &&
	    spec->kind != PATTERN_ZIPF && hot_count(spec) >= spec->nr_regions) {
		fprintf(stderr, "error: %s needs cold regions besides the hot ones\n",
			names[spec->kind]);
		return -1;
	}
	if (spec->nr_phases < 1 || spec->scan_length < 1) {
		fprintf(stderr, "error: phases and scan length must be at least 1\n");
		return -1;
	}
	return 0;
}

/* One access of a hot/cold mix over regions [first, first + n). */
static uint32_t hotcold_pick(uint64_t *rng, uint32_t first, uint32_t n,
			     uint32_t hot, double share)
{
	if (rng_unit(rng) < share)
		return first + rng_below(rng, hot);
	return first + hot + rng_below(rng, n - hot);
}

static int gen_zipf(const struct pattern_spec *spec, uint64_t *rng, uint32_t *out)
{
	uint32_t n = spec->nr_regions;
	double *cdf = malloc(n * sizeof(*cdf));
	double sum = 0;
	uint64_t i;

	if (!cdf)
		return -1;
	for (i = 0; i < n; i++) {
		sum += pow((double)(i + 1), -spec->zipf_alpha);
		cdf[i] = sum;
	}
	for (i = 0; i < spec->nr_accesses; i++) {
		double u = rng_unit(rng) * sum;
		uint32_t lo = 0, hi = n - 1;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (cdf[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		out[i] = lo;
	}
	free(cdf);
	return 0;
}

int pattern_generate(const struct pattern_spec *spec, uint32_t *out)
{
	uint32_t n = spec->nr_regions, hot = hot_count(spec);
	uint64_t rng = spec->seed, i = 0, phase_len;
	uint32_t next_cold = 0;

	switch (spec->kind) {
	case PATTERN_LOOP:
		for (i = 0; i < spec->nr_accesses; i++)
			out[i] = i % n;
		break;
	case PATTERN_UNIFORM:
		for (i = 0; i < spec->nr_accesses; i++)
			out[i] = rng_below(&rng, n);
		break;
	case PATTERN_HOTCOLD:
		for (i = 0; i < spec->nr_accesses; i++)
			out[i] = hotcold_pick(&rng, 0, n, hot, spec->hot_share);
		break;
	case PATTERN_ZIPF:
		return gen_zipf(spec, &rng, out);
	case PATTERN_SCAN:
		/* Hot bursts, then a scan of cold regions seen once per lap. */
		while (i < spec->nr_accesses) {
			uint32_t k;

			for (k = 0; k < spec->hot_burst && i < spec->nr_accesses; k++)
				out[i++] = rng_below(&rng, hot);
			for (k = 0; k < spec->scan_length && i < spec->nr_accesses; k++) {
				out[i++] = hot + next_cold;
				next_cold = (next_cold + 1) % (n - hot);
			}
		}
		break;
	case PATTERN_PHASE:
		/* Phase p puts the hot set at regions [p * hot, (p + 1) * hot). */
		phase_len = (spec->nr_accesses + spec->nr_phases - 1) / spec->nr_phases;
		for (i = 0; i < spec->nr_accesses; i++) {
			uint32_t first = (uint32_t)((i / phase_len) * hot % n);
			uint32_t r = hotcold_pick(&rng, 0, n, hot, spec->hot_share);

			out[i] = (r + first) % n;
		}
		break;
	}
	return 0;
}
