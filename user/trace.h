/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm-evict access traces: one file drives both the workload generator
 * (replay in a real guest) and the simulator.
 *
 * Format, version 1 (text, one item per line, '#' starts a comment):
 *
 *   kvm-evict-trace 1
 *   regions N          number of regions; every access is below N
 *   pages P            optional: 4 KiB pages touched per visit (default 1)
 *   vcpu 0             the accesses of vCPU 0 follow, one region per line
 *   17
 *   3
 *   vcpu 1             optional: vCPUs are numbered 0, 1, ... in order
 *   ...
 */
#ifndef KVMEVICT_TRACE_H
#define KVMEVICT_TRACE_H

#include <stdint.h>
#include <stdio.h>

#define TRACE_MAGIC	"kvm-evict-trace"
#define TRACE_VERSION	1
#define TRACE_MAX_VCPUS	16

struct trace {
	uint32_t nr_regions;
	uint32_t pages_per_visit;
	uint32_t nr_vcpus;
	uint64_t len[TRACE_MAX_VCPUS];
	uint32_t *seq[TRACE_MAX_VCPUS];
};

/* Read @path ("-" for stdin). Prints file:line and why on error, returns -1. */
int trace_read(struct trace *t, const char *path);
/* Write @t to @path. Returns 0, or -1 after printing why. */
int trace_write(const struct trace *t, const char *path);
void trace_free(struct trace *t);

#endif
