/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Region access sequences: the synthetic patterns that the workload
 * generator runs and the simulator replays.  A sequence depends only on its
 * spec and seed, so the same spec gives the same accesses everywhere.
 */
#ifndef KVMEVICT_PATTERN_H
#define KVMEVICT_PATTERN_H

#include <stdint.h>

enum pattern_kind {
	PATTERN_LOOP,		/* 0, 1, ..., n-1, 0, 1, ... */
	PATTERN_UNIFORM,	/* independent, uniform over all regions */
	PATTERN_HOTCOLD,	/* hot_share of accesses on hot_fraction of regions */
	PATTERN_ZIPF,		/* region k with probability ~ 1 / (k+1)^alpha */
	PATTERN_SCAN,		/* hot-set bursts with one-time scans between them */
	PATTERN_PHASE,		/* a hot/cold working set that moves each phase */
};

struct pattern_spec {
	enum pattern_kind kind;
	uint32_t nr_regions;
	uint64_t nr_accesses;
	uint64_t seed;
	double hot_fraction;	/* hotcold, scan, phase: share of regions hot */
	double hot_share;	/* hotcold, phase: share of accesses on them */
	double zipf_alpha;
	uint32_t scan_length;	/* scan: regions per one-time scan */
	uint32_t hot_burst;	/* scan: hot accesses between two scans */
	uint32_t nr_phases;	/* phase: the working set moves this often */
};

/* Defaults of every knob: hot/cold 12.5% of regions take 90%, etc. */
void pattern_defaults(struct pattern_spec *spec);
/* "loop", "uniform", ... -> kind; returns -1 for an unknown name. */
int pattern_parse_kind(const char *name, enum pattern_kind *kind);
const char *pattern_name(enum pattern_kind kind);
/* Check a spec; prints why and returns -1 when it is unusable. */
int pattern_check(const struct pattern_spec *spec);
/*
 * Generate spec->nr_accesses regions into @out (caller-allocated).
 * Returns 0, or -1 on allocation failure.
 */
int pattern_generate(const struct pattern_spec *spec, uint32_t *out);

#endif
