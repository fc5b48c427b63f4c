// SPDX-License-Identifier: GPL-2.0
/*
 * kvmevict-workload: run a synthetic guest on KVM's shadow MMU with a chosen
 * access pattern and report what it cost, from KVM's binary statistics.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "guest.h"
#include "kvm_stats.h"
#include "cli.h"

/* Counters always reported; any VM stat named evict_* is added to them. */
static const char *const vm_counters[] = {
	"mmu_cache_miss", "mmu_recycled", "mmu_shadow_zapped",
};
static const char *const vcpu_counters[] = { "pf_taken", "pf_fixed" };
/* Values at the end of the run, not deltas: the VM's shadow-page pool. */
static const char *const vm_gauges[] = { "mmu_pages_used", "mmu_pages_max" };

#define MAX_REPORTED 64

struct report {
	int nr;
	const char *name[MAX_REPORTED];
	uint64_t before[MAX_REPORTED];
	uint64_t value[MAX_REPORTED];
};

struct replay {
	const struct trace *t;
	uint64_t pos[TRACE_MAX_VCPUS];
};

static const char usage_text[] =
"Usage: kvmevict-workload [OPTIONS]\n"
"Run a synthetic guest on KVM's shadow MMU and print what it cost, from\n"
"KVM's binary statistics (deltas over the run).\n"
"\n"
SEQ_OPTS_HELP
"  -P, --pool N            shadow-page pool, KVM_SET_NR_MMU_PAGES (64);\n"
"                          0 keeps KVM's default for the memory size\n"
"      --data-frames N     data frames the regions alias onto (8)\n"
"  -o, --trace-out FILE    write the exact sequence that ran\n"
"  -j, --json              one JSON object instead of aligned text\n"
"  -h, --help              this help\n"
"\n"
"Examples:\n"
"  kvmevict-workload -p hotcold -r 256 -P 64 -n 20000\n"
"  kvmevict-workload -p loop --json -o loop.trace\n"
"  kvmevict-workload -t loop.trace\n";

static int64_t next_region(void *ctx, int vcpu)
{
	struct replay *rp = ctx;

	if (rp->pos[vcpu] >= rp->t->len[vcpu])
		return -1;
	return rp->t->seq[vcpu][rp->pos[vcpu]++];
}

static void report_add(struct report *rep, const char *name, uint64_t before)
{
	if (rep->nr < MAX_REPORTED) {
		rep->name[rep->nr] = name;
		rep->before[rep->nr++] = before;
	}
}

static uint64_t stat_sum(struct kvm_stats *vm, struct kvm_stats *vcpus, int nr_vcpus,
			 const char *name)
{
	const struct kvm_stat *s = kvm_stats_find(vm, name);
	uint64_t sum = s ? s->value : 0;
	int i;

	if (s)
		return sum;
	for (i = 0; i < nr_vcpus; i++) {
		s = kvm_stats_find(&vcpus[i], name);
		sum += s ? s->value : 0;
	}
	return sum;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_report(const struct report *rep, const char *what,
			 const struct guest_config *cfg, uint64_t accesses,
			 double elapsed, int json)
{
	int i;

	if (json) {
		printf("{\"workload\":\"%s\",\"regions\":%u,\"pool\":%u,\"vcpus\":%u,"
		       "\"pages_per_visit\":%u,\"accesses\":%llu,\"elapsed_s\":%.3f,"
		       "\"accesses_per_s\":%.0f", what, cfg->nr_regions,
		       cfg->pool_pages, cfg->nr_vcpus, cfg->pages_per_visit,
		       (unsigned long long)accesses, elapsed, accesses / elapsed);
		for (i = 0; i < rep->nr; i++)
			printf(",\"%s\":%llu", rep->name[i],
			       (unsigned long long)rep->value[i]);
		printf("}\n");
		return;
	}
	printf("%-20s %s\n", "workload", what);
	printf("%-20s %u\n%-20s %u\n%-20s %u\n%-20s %u\n", "regions",
	       cfg->nr_regions, "pool", cfg->pool_pages, "vcpus", cfg->nr_vcpus,
	       "pages_per_visit", cfg->pages_per_visit);
	printf("%-20s %llu\n%-20s %.3f\n%-20s %.0f\n", "accesses",
	       (unsigned long long)accesses, "elapsed_s", elapsed,
	       "accesses_per_s", accesses / elapsed);
	for (i = 0; i < rep->nr; i++)
		printf("%-20s %llu\n", rep->name[i], (unsigned long long)rep->value[i]);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		SEQ_LONG_OPTS,
		{ "pool", required_argument, NULL, 'P' },
		{ "data-frames", required_argument, NULL, 'D' },
		{ "trace-out", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct guest_config cfg = { .pool_pages = 64, .nr_data_frames = 8 };
	struct kvm_stats vm_stats, vcpu_stats[GUEST_MAX_VCPUS];
	const char *trace_out = NULL;
	struct seq_options so;
	struct replay rp = { 0 };
	struct report rep = { 0 };
	int json = 0, ret = 1, opt, i, v;
	struct trace t = { 0 };
	char what[128];
	uint64_t val, accesses = 0;
	struct guest *g = NULL;
	double t0, elapsed;

	seq_options_init(&so);
	while ((opt = getopt_long(argc, argv, SEQ_SHORT_OPTS "P:o:jh", opts, NULL)) != -1) {
		int handled = seq_options_parse(&so, opt, optarg);

		if (handled < 0)
			return 2;
		if (handled)
			continue;
		switch (opt) {
		case 'P':
			if (cli_parse_num("--pool", optarg, UINT32_MAX, &val))
				return 2;
			cfg.pool_pages = val;
			break;
		case 'D':
			if (cli_parse_num("--data-frames", optarg, 512, &val))
				return 2;
			cfg.nr_data_frames = val;
			break;
		case 'o': trace_out = optarg; break;
		case 'j': json = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "error: unexpected argument '%s'\n%s", argv[optind],
			usage_text);
		return 2;
	}
	if (so.spec.nr_regions > GUEST_MAX_REGIONS) {
		fprintf(stderr, "error: --regions must be at most %d\n", GUEST_MAX_REGIONS);
		return 2;
	}
	if (seq_options_load(&so, &t, what, sizeof(what)))
		return so.trace_path ? 1 : 2;
	cfg.nr_regions = t.nr_regions;
	cfg.nr_vcpus = t.nr_vcpus;
	cfg.pages_per_visit = t.pages_per_visit;
	if (trace_out && trace_write(&t, trace_out))
		goto out;

	g = guest_create(&cfg);
	if (!g)
		goto out;
	if (kvm_stats_open(&vm_stats, guest_vm_fd(g))) {
		fprintf(stderr, "error: cannot read KVM's binary stats (KVM_GET_STATS_FD)\n");
		goto out;
	}
	for (v = 0; v < (int)cfg.nr_vcpus; v++) {
		if (kvm_stats_open(&vcpu_stats[v], guest_vcpu_fd(g, v))) {
			fprintf(stderr, "error: cannot read vCPU %d's binary stats\n", v);
			goto out;
		}
	}
	for (i = 0; i < (int)(sizeof(vcpu_counters) / sizeof(vcpu_counters[0])); i++)
		report_add(&rep, vcpu_counters[i], 0);
	for (i = 0; i < (int)(sizeof(vm_counters) / sizeof(vm_counters[0])); i++)
		report_add(&rep, vm_counters[i], 0);
	for (i = 0; i < vm_stats.nr; i++)
		if (!strncmp(vm_stats.stats[i].name, "evict_", 6))
			report_add(&rep, vm_stats.stats[i].name, 0);
	for (i = 0; i < rep.nr; i++)
		rep.before[i] = stat_sum(&vm_stats, vcpu_stats, cfg.nr_vcpus, rep.name[i]);
	for (i = 0; i < (int)(sizeof(vm_gauges) / sizeof(vm_gauges[0])); i++)
		if (kvm_stats_find(&vm_stats, vm_gauges[i]))
			report_add(&rep, vm_gauges[i], 0);

	rp.t = &t;
	t0 = now_s();
	if (guest_run(g, next_region, &rp))
		goto out;
	elapsed = now_s() - t0;

	kvm_stats_read(&vm_stats);
	for (v = 0; v < (int)cfg.nr_vcpus; v++)
		kvm_stats_read(&vcpu_stats[v]);
	for (i = 0; i < rep.nr; i++)
		rep.value[i] = stat_sum(&vm_stats, vcpu_stats, cfg.nr_vcpus,
					rep.name[i]) - rep.before[i];
	for (v = 0; v < (int)cfg.nr_vcpus; v++)
		accesses += t.len[v];
	print_report(&rep, what, &cfg, accesses, elapsed, json);
	ret = 0;
out:
	guest_destroy(g);
	trace_free(&t);
	return ret;
}
