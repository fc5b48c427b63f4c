// SPDX-License-Identifier: GPL-2.0
/*
 * kvmevict-sim: replay an access sequence against every eviction policy and
 * Belady's OPT, at one pool size or over a range (a miss-ratio curve).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sim.h"

static const char usage_text[] =
"Usage: kvmevict-sim [OPTIONS]\n"
"Replay an access sequence against eviction policies and Belady's OPT.\n"
"\n"
SEQ_OPTS_HELP
"  -C, --capacity N        pool size in pages (64)\n"
"  -m, --model MODEL       kvm: the shadow pages the workload guest needs,\n"
"                          predicting mmu_cache_miss and pf_taken (default);\n"
"                          flat: one cache entry per region\n"
"      --single            evict one page when full, not KVM's batches\n"
"                          (refill below 5 free pages, up to 25)\n"
"  -a, --policy LIST       comma-separated policies (all): fifo, lru, clock,\n"
"                          aging, sieve, s3fifo, opt\n"
"      --mrc PREFIX        sweep capacities --from..--to by --step; write\n"
"                          PREFIX.csv and, with gnuplot, PREFIX.png\n"
"      --from N, --to N, --step N   the sweep (32, 2 x regions, 16)\n"
"      --bench             time each policy; print accesses per second\n"
"  -j, --json              one JSON object per policy and capacity\n"
"  -h, --help              this help\n"
"\n"
"Examples:\n"
"  kvmevict-sim -p hotcold -r 256 -n 20000 -C 64\n"
"  kvmevict-sim -t loop.trace --model flat --single -C 3\n"
"  kvmevict-sim -p zipf --mrc zipf-mrc\n";

enum {
	OPT_SINGLE = 2000, OPT_MRC, OPT_FROM, OPT_TO, OPT_STEP, OPT_BENCH,
};

struct sim_cli {
	struct sim_params params;
	const struct sim_policy_ops *pols[16];
	int nr_pols;
	const char *mrc;
	uint32_t from, to, step;
	int bench, json;
};

static int parse_policies(struct sim_cli *c, const char *list)
{
	char *copy = strdup(list), *tok, *save;

	c->nr_pols = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct sim_policy_ops *ops = sim_policy_find(tok);

		if (!ops || c->nr_pols == 16) {
			fprintf(stderr, "error: unknown policy '%s' (fifo, lru, clock,"
				" aging, sieve, s3fifo, opt)\n", tok);
			free(copy);
			return -1;
		}
		c->pols[c->nr_pols++] = ops;
	}
	free(copy);
	return c->nr_pols ? 0 : -1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *model_name(const struct sim_params *p)
{
	return p->model == SIM_MODEL_KVM ? "kvm" : "flat";
}

static int run_table(const struct sim_cli *c, const struct sim_input *in,
		     const char *what)
{
	struct sim_result res[16], opt_res = { 0 };
	int i, have_opt = 0;

	for (i = 0; i < c->nr_pols; i++) {
		if (sim_run(in, &c->params, c->pols[i], &res[i])) {
			fprintf(stderr, "error: out of memory running %s\n",
				c->pols[i]->name);
			return -1;
		}
		if (!strcmp(c->pols[i]->name, "opt")) {
			opt_res = res[i];
			have_opt = 1;
		}
	}
	if (!c->json)
		printf("%s, model %s, capacity %u pages, %s refill\n"
		       "%-8s %10s %10s %10s %10s %8s\n", what, model_name(&c->params),
		       c->params.capacity,
		       c->params.refill == SIM_REFILL_KVM ? "KVM batch" : "single-page",
		       "policy", "accesses", "misses", "faults", "evictions",
		       have_opt ? "vs_opt" : "");
	for (i = 0; i < c->nr_pols; i++) {
		double ratio = have_opt && opt_res.misses ?
			(double)res[i].misses / opt_res.misses : 0;

		if (c->json) {
			printf("{\"workload\":\"%s\",\"model\":\"%s\",\"capacity\":%u,"
			       "\"refill\":\"%s\",\"policy\":\"%s\",\"accesses\":%llu,"
			       "\"misses\":%llu,\"faults\":%llu,\"evictions\":%llu}\n",
			       what, model_name(&c->params), c->params.capacity,
			       c->params.refill == SIM_REFILL_KVM ? "kvm" : "single",
			       c->pols[i]->name, (unsigned long long)res[i].accesses,
			       (unsigned long long)res[i].misses,
			       (unsigned long long)res[i].faults,
			       (unsigned long long)res[i].evictions);
			continue;
		}
		printf("%-8s %10llu %10llu %10llu %10llu", c->pols[i]->name,
		       (unsigned long long)res[i].accesses,
		       (unsigned long long)res[i].misses,
		       (unsigned long long)res[i].faults,
		       (unsigned long long)res[i].evictions);
		if (have_opt)
			printf(" %7.2fx", ratio);
		printf("\n");
	}
	return 0;
}

static int run_bench(const struct sim_cli *c, const struct sim_input *in)
{
	int i;

	printf("%-8s %12s %10s %14s\n", "policy", "accesses", "seconds", "accesses/s");
	for (i = 0; i < c->nr_pols; i++) {
		struct sim_result res;
		double t0 = now_s(), dt;

		if (sim_run(in, &c->params, c->pols[i], &res))
			return -1;
		dt = now_s() - t0;
		printf("%-8s %12llu %10.3f %14.0f\n", c->pols[i]->name,
		       (unsigned long long)res.accesses, dt, res.accesses / dt);
	}
	return 0;
}

static int run_mrc(const struct sim_cli *c, const struct sim_input *in,
		   const char *what)
{
	char path[4096], cmd[8192];
	struct sim_params p = c->params;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s.csv", c->mrc);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "error: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "capacity");
	for (i = 0; i < c->nr_pols; i++)
		fprintf(f, ",%s", c->pols[i]->name);
	fprintf(f, "\n");
	for (p.capacity = c->from; p.capacity <= c->to; p.capacity += c->step) {
		fprintf(f, "%u", p.capacity);
		for (i = 0; i < c->nr_pols; i++) {
			struct sim_result res;

			if (sim_run(in, &p, c->pols[i], &res)) {
				fclose(f);
				return -1;
			}
			fprintf(f, ",%.5f", res.accesses ? (double)res.misses / res.accesses : 0);
		}
		fprintf(f, "\n");
	}
	if (fclose(f)) {
		fprintf(stderr, "error: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	printf("miss-ratio curve: %s\n", path);

	/* The plot is a convenience: without gnuplot the CSV is the result. */
	snprintf(cmd, sizeof(cmd),
		 "gnuplot -e \"set terminal pngcairo size 900,560; set output '%s.png';"
		 " set datafile separator ','; set key autotitle columnhead;"
		 " set title 'Miss-ratio curve: %s (model %s)';"
		 " set xlabel 'pool size (pages)'; set ylabel 'misses per access';"
		 " set grid; plot for [i=2:%d] '%s' using 1:i with linespoints\" 2>&1",
		 c->mrc, what, model_name(&c->params), c->nr_pols + 1, path);
	if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
		printf("gnuplot not found: no plot (install gnuplot-nox)\n");
		return 0;
	}
	if (system(cmd) != 0) {
		fprintf(stderr, "error: gnuplot failed to draw %s.png\n", c->mrc);
		return -1;
	}
	printf("plot: %s.png\n", c->mrc);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		SEQ_LONG_OPTS,
		{ "capacity", required_argument, NULL, 'C' },
		{ "model", required_argument, NULL, 'm' },
		{ "policy", required_argument, NULL, 'a' },
		{ "single", no_argument, NULL, OPT_SINGLE },
		{ "mrc", required_argument, NULL, OPT_MRC },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "step", required_argument, NULL, OPT_STEP },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct sim_cli c = {
		.params = { .capacity = 64, .model = SIM_MODEL_KVM }, .from = 32, .step = 16,
	};
	struct sim_input *in = NULL;
	struct seq_options so;
	struct trace t = { 0 };
	int opt, ret = 1, err;
	char what[128];
	uint64_t v;

	seq_options_init(&so);
	parse_policies(&c, "fifo,lru,clock,aging,sieve,s3fifo,opt");
	while ((opt = getopt_long(argc, argv, SEQ_SHORT_OPTS "C:m:a:jh", opts, NULL)) != -1) {
		int handled = seq_options_parse(&so, opt, optarg);

		if (handled < 0)
			return 2;
		if (handled)
			continue;
		err = 0;
		switch (opt) {
		case 'C': err = cli_parse_num("--capacity", optarg, UINT32_MAX, &v);
			c.params.capacity = v; break;
		case 'm':
			if (!strcmp(optarg, "kvm"))
				c.params.model = SIM_MODEL_KVM;
			else if (!strcmp(optarg, "flat"))
				c.params.model = SIM_MODEL_FLAT;
			else {
				fprintf(stderr, "error: --model is kvm or flat (got '%s')\n", optarg);
				return 2;
			}
			break;
		case 'a': err = parse_policies(&c, optarg); break;
		case OPT_SINGLE: c.params.refill = SIM_REFILL_SINGLE; break;
		case OPT_MRC: c.mrc = optarg; break;
		case OPT_FROM: err = cli_parse_num("--from", optarg, UINT32_MAX, &v);
			c.from = v; break;
		case OPT_TO: err = cli_parse_num("--to", optarg, UINT32_MAX, &v);
			c.to = v; break;
		case OPT_STEP: err = cli_parse_num("--step", optarg, UINT32_MAX, &v);
			c.step = v; break;
		case OPT_BENCH: c.bench = 1; break;
		case 'j': c.json = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
		if (err)
			return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "error: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (c.params.capacity < 1 || !c.step) {
		fprintf(stderr, "error: --capacity and --step must be at least 1\n");
		return 2;
	}
	if (seq_options_load(&so, &t, what, sizeof(what)))
		return so.trace_path ? 1 : 2;
	if (!c.to)
		c.to = 2 * t.nr_regions;

	in = sim_prepare(&t, c.params.model);
	if (!in) {
		fprintf(stderr, "error: out of memory preparing the trace\n");
		goto out;
	}
	if (c.bench)
		ret = run_bench(&c, in) ? 1 : 0;
	else if (c.mrc)
		ret = run_mrc(&c, in, what) ? 1 : 0;
	else
		ret = run_table(&c, in, what) ? 1 : 0;
out:
	sim_input_free(in);
	trace_free(&t);
	return ret;
}
