// SPDX-License-Identifier: GPL-2.0
/* Trace files: a round trip, and every malformed input refused. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"
#include "unit.h"

static char dir[] = "/tmp/kvmevict-test-trace.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static int reads_ok(const char *text)
{
	struct trace t;
	int ret = trace_read(&t, write_file("t", text));

	if (!ret)
		trace_free(&t);
	return ret == 0;
}

int main(void)
{
	struct trace t = { 0 }, back;
	uint32_t seq0[] = { 3, 1, 4, 1, 5 }, seq1[] = { 0, 2 };
	const char *path;

	if (!mkdtemp(dir))
		return 1;

	/* Round trip of a two-vCPU trace. */
	t.nr_regions = 8;
	t.pages_per_visit = 2;
	t.nr_vcpus = 2;
	t.seq[0] = seq0;
	t.len[0] = 5;
	t.seq[1] = seq1;
	t.len[1] = 2;
	path = write_file("rt", "");
	CHECK_EQ(trace_write(&t, path), 0);
	CHECK_EQ(trace_read(&back, path), 0);
	CHECK_EQ(back.nr_regions, 8);
	CHECK_EQ(back.pages_per_visit, 2);
	CHECK_EQ(back.nr_vcpus, 2);
	CHECK_EQ(back.len[0], 5);
	CHECK_EQ(back.len[1], 2);
	CHECK(!memcmp(back.seq[0], seq0, sizeof(seq0)));
	CHECK(!memcmp(back.seq[1], seq1, sizeof(seq1)));
	trace_free(&back);

	/* Comments and blank lines are fine. */
	CHECK(reads_ok("# made by hand\nkvm-evict-trace 1\n\nregions 4\nvcpu 0\n3 # hot\n0\n"));

	/* Malformed input is refused. */
	CHECK(!reads_ok(""));
	CHECK(!reads_ok("hello\n"));
	CHECK(!reads_ok("kvm-evict-trace 2\nregions 4\nvcpu 0\n1\n"));
	CHECK(!reads_ok("kvm-evict-trace 1\nvcpu 0\n1\n"));		/* no regions */
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\n"));		/* no accesses */
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\nvcpu 0\n4\n"));	/* out of range */
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\nvcpu 0\n-1\n"));
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\nvcpu 0\n1x\n"));
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\nvcpu 1\n1\n"));	/* skips vcpu 0 */
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 0\nvcpu 0\n0\n"));
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\nvcpu 0\n1 2\n"));
	CHECK(!reads_ok("kvm-evict-trace 1\nregions 4\npages 65\nvcpu 0\n1\n"));
	CHECK(trace_read(&back, "/nonexistent/trace") != 0);

	unlink(write_file("t", ""));
	unlink(write_file("rt", ""));
	rmdir(dir);
	return unit_done("test_trace");
}
