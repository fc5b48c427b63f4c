/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line pieces shared by kvmevict-workload and kvmevict-sim: number
 * parsing, and the options that choose an access sequence (a pattern or a
 * trace file), so that both tools build identical sequences.
 */
#ifndef KVMEVICT_CLI_H
#define KVMEVICT_CLI_H

#include <getopt.h>
#include <stdint.h>

#include "pattern.h"
#include "trace.h"

/* Parse an unsigned number up to @max; prints why and returns -1 if not. */
int cli_parse_num(const char *opt, const char *arg, uint64_t max, uint64_t *out);
int cli_parse_real(const char *opt, const char *arg, double *out);

/* The sequence options: short ones for optstring, long ones and help. */
#define SEQ_SHORT_OPTS "p:r:n:s:c:t:"
#define SEQ_OPTS_HELP \
"  -p, --pattern NAME      loop, uniform, hotcold, zipf, scan or phase (hotcold)\n" \
"  -r, --regions N         2 MiB regions, one guest page table each (256)\n" \
"  -n, --accesses N        region visits per vCPU (20000)\n" \
"      --hot-fraction F    hotcold/scan/phase: share of regions that are hot (0.125)\n" \
"      --hot-share F       hotcold/phase: share of accesses on them (0.9)\n" \
"      --alpha A           zipf exponent (1.0)\n" \
"      --scan-length N     scan: regions per one-time scan (64)\n" \
"      --hot-burst N       scan: hot accesses between scans (256)\n" \
"      --phases N          phase: how many times the working set moves (4)\n" \
"  -s, --seed N            random seed (1); vCPU v uses seed + v\n" \
"  -c, --vcpus N           vCPUs, each with its own sequence (1)\n" \
"      --private           give each vCPU its own share of the regions\n" \
"                          (default: all vCPUs use all regions)\n" \
"      --pages N           4 KiB pages touched per region visit (1)\n" \
"  -t, --trace FILE        replay a trace file instead of a pattern\n"

#define SEQ_LONG_OPTS \
	{ "pattern", required_argument, NULL, 'p' },			\
	{ "regions", required_argument, NULL, 'r' },			\
	{ "accesses", required_argument, NULL, 'n' },			\
	{ "seed", required_argument, NULL, 's' },			\
	{ "vcpus", required_argument, NULL, 'c' },			\
	{ "trace", required_argument, NULL, 't' },			\
	{ "hot-fraction", required_argument, NULL, SEQ_OPT_HOT_FRACTION }, \
	{ "hot-share", required_argument, NULL, SEQ_OPT_HOT_SHARE },	\
	{ "alpha", required_argument, NULL, SEQ_OPT_ALPHA },		\
	{ "scan-length", required_argument, NULL, SEQ_OPT_SCAN_LENGTH }, \
	{ "hot-burst", required_argument, NULL, SEQ_OPT_HOT_BURST },	\
	{ "phases", required_argument, NULL, SEQ_OPT_PHASES },		\
	{ "private", no_argument, NULL, SEQ_OPT_PRIVATE },		\
	{ "pages", required_argument, NULL, SEQ_OPT_PAGES }

enum {
	SEQ_OPT_HOT_FRACTION = 1000, SEQ_OPT_HOT_SHARE, SEQ_OPT_ALPHA,
	SEQ_OPT_SCAN_LENGTH, SEQ_OPT_HOT_BURST, SEQ_OPT_PHASES,
	SEQ_OPT_PRIVATE, SEQ_OPT_PAGES,
};

struct seq_options {
	struct pattern_spec spec;
	uint32_t nr_vcpus;
	uint32_t pages_per_visit;
	int private_regions;
	const char *trace_path;
};

void seq_options_init(struct seq_options *so);
/* 1: @opt was a sequence option, 0: it was not, -1: bad argument. */
int seq_options_parse(struct seq_options *so, int opt, const char *arg);
/*
 * Build the sequence: read the trace file or generate the pattern.  @what
 * receives a short description ("hotcold", "trace:FILE").  Returns 0, or
 * -1 after printing why.
 */
int seq_options_load(const struct seq_options *so, struct trace *t,
		     char *what, size_t what_len);

#endif
