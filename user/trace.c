// SPDX-License-Identifier: GPL-2.0
/* Reading and writing kvm-evict access traces (format in trace.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static int append(struct trace *t, uint32_t v, uint32_t region, uint64_t *cap)
{
	if (t->len[v] == cap[v]) {
		uint64_t n = cap[v] ? cap[v] * 2 : 4096;
		uint32_t *seq = realloc(t->seq[v], n * sizeof(*seq));

		if (!seq)
			return -1;
		t->seq[v] = seq;
		cap[v] = n;
	}
	t->seq[v][t->len[v]++] = region;
	return 0;
}

/* Parse an unsigned decimal that fills the whole token. */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

int trace_read(struct trace *t, const char *path)
{
	uint64_t cap[TRACE_MAX_VCPUS] = { 0 }, lineno = 0, val;
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *why = NULL;
	char line[256];
	int in_vcpu = 0, seen_magic = 0, cur = -1;

	memset(t, 0, sizeof(*t));
	t->pages_per_visit = 1;
	if (!f) {
		fprintf(stderr, "error: cannot read trace %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *key, *arg, *save;

		lineno++;
		line[strcspn(line, "#\r\n")] = '\0';
		key = strtok_r(line, " \t", &save);
		if (!key)
			continue;
		arg = strtok_r(NULL, " \t", &save);
		if (!seen_magic) {
			if (strcmp(key, TRACE_MAGIC) || !arg || parse_u64(arg, &val)) {
				why = "not a kvm-evict trace (first line must be '"
				      TRACE_MAGIC " 1')";
				goto bad;
			}
			if (val != TRACE_VERSION) {
				why = "unsupported trace version (this tool reads version 1)";
				goto bad;
			}
			seen_magic = 1;
			continue;
		}
		if (!strcmp(key, "regions") || !strcmp(key, "pages") ||
		    !strcmp(key, "vcpu")) {
			if (!arg || parse_u64(arg, &val) || strtok_r(NULL, " \t", &save)) {
				why = "expected one unsigned number after the keyword";
				goto bad;
			}
			if (key[0] == 'r') {
				if (in_vcpu || val < 1 || val > UINT32_MAX) {
					why = "'regions N' must come before the accesses, N >= 1";
					goto bad;
				}
				t->nr_regions = val;
			} else if (key[0] == 'p') {
				if (in_vcpu || val < 1 || val > 64) {
					why = "'pages P' must come before the accesses, 1 <= P <= 64";
					goto bad;
				}
				t->pages_per_visit = val;
			} else {
				if (val != (uint64_t)cur + 1 || val >= TRACE_MAX_VCPUS) {
					why = "vCPUs must be numbered 0, 1, ... (at most 16)";
					goto bad;
				}
				if (!t->nr_regions) {
					why = "'regions N' is missing before the first vcpu";
					goto bad;
				}
				cur = val;
				in_vcpu = 1;
				t->nr_vcpus = cur + 1;
			}
			continue;
		}
		if (!in_vcpu || arg || parse_u64(key, &val)) {
			why = in_vcpu ? "expected a region number" :
				"expected 'regions N', 'pages P' or 'vcpu V'";
			goto bad;
		}
		if (val >= t->nr_regions) {
			why = "region is not below the trace's 'regions' count";
			goto bad;
		}
		if (append(t, cur, val, cap)) {
			why = "out of memory";
			goto bad;
		}
	}
	if (ferror(f)) {
		why = strerror(errno);
		goto bad;
	}
	if (!seen_magic) {
		why = "empty file, not a kvm-evict trace";
		goto bad;
	}
	if (!in_vcpu) {
		why = "no 'vcpu 0' section: the trace has no accesses";
		goto bad;
	}
	if (f != stdin)
		fclose(f);
	return 0;

bad:
	fprintf(stderr, "error: %s:%llu: %s\n", path, (unsigned long long)lineno, why);
	if (f != stdin)
		fclose(f);
	trace_free(t);
	return -1;
}

int trace_write(const struct trace *t, const char *path)
{
	FILE *f = fopen(path, "w");
	uint32_t v;
	uint64_t i;

	if (!f) {
		fprintf(stderr, "error: cannot write trace %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	fprintf(f, "%s %d\nregions %u\npages %u\n", TRACE_MAGIC, TRACE_VERSION,
		t->nr_regions, t->pages_per_visit);
	for (v = 0; v < t->nr_vcpus; v++) {
		fprintf(f, "vcpu %u\n", v);
		for (i = 0; i < t->len[v]; i++)
			fprintf(f, "%u\n", t->seq[v][i]);
	}
	if (fclose(f)) {
		fprintf(stderr, "error: cannot write trace %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

void trace_free(struct trace *t)
{
	uint32_t v;

	for (v = 0; v < TRACE_MAX_VCPUS; v++)
		free(t->seq[v]);
	memset(t, 0, sizeof(*t));
}
