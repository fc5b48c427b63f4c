// SPDX-License-Identifier: GPL-2.0
/* Command-line pieces shared by the tools (see cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_parse_num(const char *opt, const char *arg, uint64_t max, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 0);
	if (errno || *end || arg[0] == '-' || !arg[0] || *out > max) {
		fprintf(stderr, "error: %s needs a number up to %llu (got '%s')\n",
			opt, (unsigned long long)max, arg);
		return -1;
	}
	return 0;
}

int cli_parse_real(const char *opt, const char *arg, double *out)
{
	char *end;

	*out = strtod(arg, &end);
	if (*end || !arg[0]) {
		fprintf(stderr, "error: %s needs a number (got '%s')\n", opt, arg);
		return -1;
	}
	return 0;
}

void seq_options_init(struct seq_options *so)
{
	memset(so, 0, sizeof(*so));
	pattern_defaults(&so->spec);
	so->nr_vcpus = 1;
	so->pages_per_visit = 1;
}

int seq_options_parse(struct seq_options *so, int opt, const char *arg)
{
	struct pattern_spec *s = &so->spec;
	uint64_t v = 0;
	int err = 0;

	switch (opt) {
	case 'p':
		if (pattern_parse_kind(arg, &s->kind)) {
			fprintf(stderr, "error: unknown pattern '%s' (loop, uniform,"
				" hotcold, zipf, scan, phase)\n", arg);
			return -1;
		}
		return 1;
	case 'r':
		err = cli_parse_num("--regions", arg, UINT32_MAX, &v);
		s->nr_regions = v;
		break;
	case 'n':
		err = cli_parse_num("--accesses", arg, 1ULL << 32, &v);
		s->nr_accesses = v;
		break;
	case 's':
		err = cli_parse_num("--seed", arg, UINT64_MAX, &s->seed);
		break;
	case 'c':
		err = cli_parse_num("--vcpus", arg, TRACE_MAX_VCPUS, &v);
		so->nr_vcpus = v;
		break;
	case 't':
		so->trace_path = arg;
		break;
	case SEQ_OPT_HOT_FRACTION:
		err = cli_parse_real("--hot-fraction", arg, &s->hot_fraction);
		break;
	case SEQ_OPT_HOT_SHARE:
		err = cli_parse_real("--hot-share", arg, &s->hot_share);
		break;
	case SEQ_OPT_ALPHA:
		err = cli_parse_real("--alpha", arg, &s->zipf_alpha);
		break;
	case SEQ_OPT_SCAN_LENGTH:
		err = cli_parse_num("--scan-length", arg, UINT32_MAX, &v);
		s->scan_length = v;
		break;
	case SEQ_OPT_HOT_BURST:
		err = cli_parse_num("--hot-burst", arg, UINT32_MAX, &v);
		s->hot_burst = v;
		break;
	case SEQ_OPT_PHASES:
		err = cli_parse_num("--phases", arg, UINT32_MAX, &v);
		s->nr_phases = v;
		break;
	case SEQ_OPT_PRIVATE:
		so->private_regions = 1;
		break;
	case SEQ_OPT_PAGES:
		err = cli_parse_num("--pages", arg, 64, &v);
		so->pages_per_visit = v;
		break;
	default:
		return 0;
	}
	return err ? -1 : 1;
}

static int trace_from_pattern(const struct seq_options *so, struct trace *t)
{
	uint32_t v;
	uint64_t i;

	memset(t, 0, sizeof(*t));
	t->nr_regions = so->spec.nr_regions;
	t->nr_vcpus = so->nr_vcpus;
	t->pages_per_visit = so->pages_per_visit;
	for (v = 0; v < so->nr_vcpus; v++) {
		struct pattern_spec s = so->spec;
		uint32_t first = 0;

		s.seed = so->spec.seed + v;
		if (so->private_regions) {
			s.nr_regions = so->spec.nr_regions / so->nr_vcpus;
			first = v * s.nr_regions;
		}
		if (pattern_check(&s))
			return -1;
		t->seq[v] = malloc(s.nr_accesses * sizeof(uint32_t));
		if (!t->seq[v] || pattern_generate(&s, t->seq[v])) {
			fprintf(stderr, "error: out of memory for %llu accesses\n",
				(unsigned long long)s.nr_accesses);
			return -1;
		}
		for (i = 0; i < s.nr_accesses; i++)
			t->seq[v][i] += first;
		t->len[v] = s.nr_accesses;
	}
	return 0;
}

int seq_options_load(const struct seq_options *so, struct trace *t,
		     char *what, size_t what_len)
{
	if (so->trace_path) {
		snprintf(what, what_len, "trace:%s", so->trace_path);
		return trace_read(t, so->trace_path);
	}
	snprintf(what, what_len, "%s", pattern_name(so->spec.kind));
	if (so->spec.nr_regions < 1) {
		fprintf(stderr, "error: --regions must be at least 1\n");
		return -1;
	}
	if (so->nr_vcpus < 1) {
		fprintf(stderr, "error: --vcpus must be at least 1\n");
		return -1;
	}
	if (so->private_regions && so->spec.nr_regions < so->nr_vcpus) {
		fprintf(stderr, "error: --private needs at least one region per vCPU\n");
		return -1;
	}
	if (trace_from_pattern(so, t)) {
		trace_free(t);
		return -1;
	}
	return 0;
}
