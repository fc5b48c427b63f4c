// SPDX-License-Identifier: GPL-2.0
/*
 * kvmevict-lackey2trace: turn a real program's memory trace, as printed by
 * `valgrind --tool=lackey --trace-mem=yes`, into a kvm-evict trace.
 *
 * Each distinct (address >> SHIFT) becomes one region, numbered in order of
 * first use.  With the default SHIFT of 21 a region is what one guest
 * page-table page maps (2 MiB), which is what a shadow page covers; a
 * smaller SHIFT (12: one region per 4 KiB page) stretches a small program's
 * footprint over more regions.  Consecutive accesses to the same region are
 * one visit: the TLB would absorb them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "trace.h"

static const char usage_text[] =
"Usage: kvmevict-lackey2trace [OPTIONS] LACKEY_LOG TRACE_OUT\n"
"Convert valgrind lackey output (--trace-mem=yes) to a kvm-evict trace.\n"
"\n"
"  -s, --shift N           address bits below a region (21: 2 MiB)\n"
"  -d, --data-only         skip instruction fetches (I lines)\n"
"  -m, --max-regions N     fold region numbers modulo N (no folding)\n"
"  -n, --max-accesses N    stop after N visits\n"
"  -k, --skip N            drop the first N visits (a program's start-up);\n"
"                          regions are numbered from the first visit kept\n"
"  -h, --help              this help\n"
"\n"
"Example:\n"
"  valgrind --tool=lackey --trace-mem=yes --log-file=ls.lackey ls -lR /usr/include\n"
"  kvmevict-lackey2trace -s 12 ls.lackey ls.trace\n";

/* Open-addressing map from region address to dense index. */
struct region_map {
	uint64_t *keys;
	uint32_t *vals;
	uint64_t cap, nr;
};

static int map_get(struct region_map *m, uint64_t key, uint32_t *val)
{
	uint64_t i;

	if (2 * (m->nr + 1) > m->cap) {
		struct region_map n = { .cap = m->cap ? m->cap * 2 : 1024 };

		n.keys = malloc(n.cap * sizeof(*n.keys));
		n.vals = malloc(n.cap * sizeof(*n.vals));
		if (!n.keys || !n.vals)
			return -1;
		memset(n.keys, 0xff, n.cap * sizeof(*n.keys));
		for (i = 0; i < m->cap; i++) {
			uint64_t j;

			if (m->keys[i] == UINT64_MAX)
				continue;
			for (j = (m->keys[i] * 0x9e3779b97f4a7c15ULL) & (n.cap - 1);
			     n.keys[j] != UINT64_MAX; j = (j + 1) & (n.cap - 1))
				;
			n.keys[j] = m->keys[i];
			n.vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		n.nr = m->nr;
		*m = n;
	}
	for (i = (key * 0x9e3779b97f4a7c15ULL) & (m->cap - 1); m->keys[i] != UINT64_MAX;
	     i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key) {
			*val = m->vals[i];
			return 0;
		}
	}
	m->keys[i] = key;
	m->vals[i] = *val = m->nr++;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "shift", required_argument, NULL, 's' },
		{ "data-only", no_argument, NULL, 'd' },
		{ "max-regions", required_argument, NULL, 'm' },
		{ "max-accesses", required_argument, NULL, 'n' },
		{ "skip", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	uint64_t shift = 21, max_regions = 0, max_acc = UINT64_MAX, cap = 0;
	uint64_t skip = 0;
	struct region_map map = { 0 };
	int data_only = 0, opt, ret = 1;
	uint32_t prev = UINT32_MAX;
	struct trace t = { 0 };
	char line[512];
	FILE *f;

	while ((opt = getopt_long(argc, argv, "s:dm:n:k:h", opts, NULL)) != -1) {
		switch (opt) {
		case 's': if (cli_parse_num("--shift", optarg, 40, &shift)) return 2; break;
		case 'd': data_only = 1; break;
		case 'm': if (cli_parse_num("--max-regions", optarg, UINT32_MAX, &max_regions))
				return 2;
			break;
		case 'n': if (cli_parse_num("--max-accesses", optarg, UINT64_MAX, &max_acc))
				return 2;
			break;
		case 'k': if (cli_parse_num("--skip", optarg, UINT64_MAX, &skip))
				return 2;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (argc - optind != 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	f = fopen(argv[optind], "r");
	if (!f) {
		fprintf(stderr, "error: cannot read %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	t.nr_vcpus = 1;
	t.pages_per_visit = 1;
	while (t.len[0] < max_acc && fgets(line, sizeof(line), f)) {
		char kind;
		unsigned long long addr;
		uint32_t r;

		/* Lackey lines: "I  ADDR,SIZE" or " L|S|M ADDR,SIZE"; others are
		 * valgrind's own messages ("==PID== ..."). */
		if (sscanf(line, " %c %llx,", &kind, &addr) != 2 ||
		    !strchr("ILSM", kind) || (data_only && kind == 'I'))
			continue;
		if (map_get(&map, addr >> shift, &r))
			goto oom;
		if (max_regions)
			r %= max_regions;
		if (r == prev)
			continue;
		prev = r;
		if (skip) {
			/* Number the kept visits' regions afresh. */
			if (--skip == 0) {
				memset(map.keys, 0xff, map.cap * sizeof(*map.keys));
				map.nr = 0;
				prev = UINT32_MAX;
			}
			continue;
		}
		if (t.len[0] == cap) {
			uint32_t *seq;

			cap = cap ? cap * 2 : 65536;
			seq = realloc(t.seq[0], cap * sizeof(*seq));
			if (!seq)
				goto oom;
			t.seq[0] = seq;
		}
		t.seq[0][t.len[0]++] = r;
	}
	fclose(f);
	f = NULL;
	if (!t.len[0]) {
		fprintf(stderr, "error: %s has no lackey memory accesses"
			" (run valgrind --tool=lackey --trace-mem=yes)\n", argv[optind]);
		goto out;
	}
	t.nr_regions = max_regions && max_regions < map.nr ? max_regions : map.nr;
	if (trace_write(&t, argv[optind + 1]))
		goto out;
	fprintf(stderr, "%s: %llu visits over %u regions\n", argv[optind + 1],
		(unsigned long long)t.len[0], t.nr_regions);
	ret = 0;
	goto out;
oom:
	fprintf(stderr, "error: out of memory\n");
out:
	if (f)
		fclose(f);
	free(map.keys);
	free(map.vals);
	trace_free(&t);
	return ret;
}
