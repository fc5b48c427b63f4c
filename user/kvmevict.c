// SPDX-License-Identifier: GPL-2.0
/*
 * kvmevict: attach a shadow-MMU eviction policy (a kvm_mmu_evict_ops BPF
 * object) and watch what it does.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cli.h"
#include "policy.h"
#include "vm_stats.h"

#define MAX_VMS		64
#define EXIT_EJECTED	3

static const char usage_text[] =
"Usage: kvmevict COMMAND [OPTIONS]\n"
"Attach a shadow-MMU eviction policy to KVM and watch it.\n"
"\n"
"Commands:\n"
"  run POLICY.bpf.o     attach, print statistics every interval, detach on\n"
"                       Ctrl-C or SIGTERM (exit 3 if the kernel ejects it)\n"
"  attach POLICY.bpf.o --pin\n"
"                       attach and leave attached (pinned in " KVMEVICT_PIN_DIR ")\n"
"  swap POLICY.bpf.o    replace the pinned policy in place (no FIFO between)\n"
"  detach               detach the pinned policy\n"
"  status               the attached policy and each VM's counters\n"
"\n"
"Run 'kvmevict COMMAND --help' for a command's options.\n"
"\n"
"Examples:\n"
"  kvmevict run build/clock.bpf.o\n"
"  kvmevict run build/fifo.bpf.o --interval 5 --count 12 --json > fifo.jsonl\n"
"  kvmevict run build/aging.bpf.o -o aging_window=16 -o aging_interval=8\n"
"  kvmevict attach build/clock.bpf.o --pin && kvmevict status\n";

static const char run_usage[] =
"Usage: kvmevict run POLICY.bpf.o [OPTIONS]\n"
"Attach POLICY and print statistics until Ctrl-C, SIGTERM or --count.\n"
"\n"
"  -i, --interval SECONDS  between two reports (1)\n"
"  -n, --count N           stop after N reports (0: until interrupted)\n"
"  -j, --json              one JSON object per report and line\n"
"  -o, --set NAME=VALUE    set one of the policy's tunables before loading\n"
"                          (its const volatile globals, e.g. aging_window)\n"
"  -v, --verbose           libbpf's and the verifier's full output\n"
"  -h, --help              this help\n"
"\n"
"Exit status: 0 after a clean detach, 1 on an error, 3 when the kernel\n"
"ejected the policy (the reason is printed).\n";

static const char attach_usage[] =
"Usage: kvmevict attach POLICY.bpf.o --pin [-o NAME=VALUE]... [-v]\n"
"Attach POLICY and pin it in " KVMEVICT_PIN_DIR ", so that it stays\n"
"attached after kvmevict exits; 'kvmevict detach' removes it.\n";

static const char swap_usage[] =
"Usage: kvmevict swap POLICY.bpf.o [-o NAME=VALUE]... [-v]\n"
"Replace the policy that 'kvmevict attach --pin' left by POLICY, in place:\n"
"the VMs switch at their next shadow-MMU event and the built-in FIFO never\n"
"takes over in between.  The old policy stays attached if POLICY fails.\n";

static const char detach_usage[] =
"Usage: kvmevict detach\nDetach the policy that 'kvmevict attach --pin' left.\n";

static const char status_usage[] =
"Usage: kvmevict status [--json]\n"
"Show the attached policy, its state, an ejection's reason, its counters\n"
"(when pinned) and each VM's counters (from KVM's debugfs; needs root).\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

struct report {
	struct vm_sample prev[MAX_VMS], cur[MAX_VMS];
	int nr_prev, nr_cur;
	double t_prev, t_cur;
	int json, header_done;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const struct vm_sample *find_prev(const struct report *r, const char *id)
{
	int i;

	for (i = 0; i < r->nr_prev; i++)
		if (!strcmp(r->prev[i].id, id))
			return &r->prev[i];
	return NULL;
}

static void print_report(struct report *r, int counters_fd)
{
	char policy[64], state[32], reason[160];
	uint64_t ctr[KVMEVICT_NR_COUNTERS];
	double dt = r->t_cur - r->t_prev;
	int i, first;

	kernel_evict_read("policy", policy, sizeof(policy));
	kernel_evict_read("state", state, sizeof(state));
	kernel_evict_read("reason", reason, sizeof(reason));
	policy_read_counters(counters_fd, ctr);

	if (r->json) {
		printf("{\"time\":%ld,\"policy\":\"%s\",\"state\":\"%s\",\"reason\":\"%s\","
		       "\"counters\":{", (long)time(NULL), policy, state, reason);
		for (i = 0, first = 1; counters_fd >= 0 && i < KVMEVICT_NR_COUNTERS; i++) {
			printf("%s\"%s\":%llu", first ? "" : ",", kvmevict_counter_names[i],
			       (unsigned long long)ctr[i]);
			first = 0;
		}
		printf("},\"vms\":[");
	} else {
		char stamp[16];
		time_t t = time(NULL);

		strftime(stamp, sizeof(stamp), "%H:%M:%S", localtime(&t));
		printf("%s policy %s (%s)", stamp, policy, state);
		for (i = 0; counters_fd >= 0 && i < KVMEVICT_NR_COUNTERS; i++)
			if (ctr[i])
				printf(" %s=%llu", kvmevict_counter_names[i],
				       (unsigned long long)ctr[i]);
		printf("\n");
		if (r->nr_cur)
			printf("  %-14s %11s %10s %12s %10s %11s %9s %15s\n", "vm",
			       "pool", "faults/s", "evictions/s", "by_policy",
			       "by_fallback", "rejected", "policy_us/call");
	}
	for (i = 0; i < r->nr_cur; i++) {
		const struct vm_sample *c = &r->cur[i], *p = find_prev(r, c->id);
		uint64_t d[VM_NR_STATS];
		char pool[48];
		double per_call;
		int s;

		for (s = 0; s < VM_NR_STATS; s++)
			d[s] = p && dt > 0 ? c->v[s] - p->v[s] : 0;
		per_call = d[VM_EVICT_CALLS] ?
			d[VM_EVICT_POLICY_NS] / 1e3 / d[VM_EVICT_CALLS] : 0;
		if (r->json) {
			printf("%s{\"vm\":\"%s\",\"faults_per_s\":%.1f,\"evictions_per_s\":%.1f,"
			       "\"policy_us_per_call\":%.2f", i ? "," : "", c->id,
			       dt > 0 ? d[VM_PF_TAKEN] / dt : 0,
			       dt > 0 ? d[VM_MMU_RECYCLED] / dt : 0, per_call);
			for (s = 0; s < VM_NR_STATS; s++)
				printf(",\"%s\":%llu", vm_stat_names[s],
				       (unsigned long long)c->v[s]);
			printf("}");
			continue;
		}
		snprintf(pool, sizeof(pool), "%llu/%llu",
			 (unsigned long long)c->v[VM_MMU_PAGES_USED],
			 (unsigned long long)c->v[VM_MMU_PAGES_MAX]);
		printf("  %-14s %11s %10.0f %12.0f %10llu %11llu %9llu %15.2f\n", c->id,
		       pool, dt > 0 ? d[VM_PF_TAKEN] / dt : 0,
		       dt > 0 ? d[VM_MMU_RECYCLED] / dt : 0,
		       (unsigned long long)c->v[VM_EVICT_POLICY_PAGES],
		       (unsigned long long)c->v[VM_EVICT_FALLBACK_PAGES],
		       (unsigned long long)c->v[VM_EVICT_REJECTED], per_call);
	}
	if (r->json)
		printf("]}\n");
	if (strcmp(state, "ejected") == 0 && reason[0] && !r->json)
		printf("  ejected: %s\n", reason);
	fflush(stdout);
}

static void sample(struct report *r)
{
	memcpy(r->prev, r->cur, sizeof(r->cur));
	r->nr_prev = r->nr_cur;
	r->t_prev = r->t_cur;
	r->nr_cur = vm_stats_sample(r->cur, MAX_VMS);
	if (r->nr_cur < 0)
		r->nr_cur = 0;
	r->t_cur = now_s();
}

#define MAX_TUNABLES 16
static char *tunables[MAX_TUNABLES];
static int nr_tunables;

static int parse_policy_opts(int argc, char **argv, const char *usage, int *json,
			     int *verbose, int *pin, double *interval, uint64_t *count)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "pin", no_argument, NULL, 'p' },
		{ "set", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "i:n:jvpo:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			if (nr_tunables == MAX_TUNABLES) {
				fprintf(stderr, "error: at most %d tunables\n", MAX_TUNABLES);
				return 2;
			}
			tunables[nr_tunables++] = optarg;
			break;
		case 'i':
			if (cli_parse_real("--interval", optarg, interval))
				return 2;
			if (*interval < 0.1 || *interval > 3600) {
				fprintf(stderr, "error: --interval must be 0.1 to 3600 seconds\n");
				return 2;
			}
			break;
		case 'n':
			if (cli_parse_num("--count", optarg, UINT32_MAX, count))
				return 2;
			break;
		case 'j': *json = 1; break;
		case 'v': *verbose = 1; break;
		case 'p': *pin = 1; break;
		case 'h': fputs(usage, stdout); exit(0);
		default: fputs(usage, stderr); return 2;
		}
	}
	return 0;
}

static void sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (time_t)s) * 1e9) };

	nanosleep(&ts, NULL);	/* a signal cuts it short: that is wanted */
}

static int cmd_run(int argc, char **argv)
{
	int json = 0, verbose = 0, pin = 0, ret;
	double interval = 1;
	uint64_t count = 0, n = 0;
	struct report *r;
	struct policy p;
	char state[32], reason[160];

	ret = parse_policy_opts(argc, argv, run_usage, &json, &verbose, &pin,
				&interval, &count);
	if (ret)
		return ret;
	if (optind != argc - 1 || pin) {
		fputs(run_usage, stderr);
		return 2;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return 1;
	r->json = json;
	if (policy_attach(&p, argv[optind], verbose, tunables, nr_tunables)) {
		free(r);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (!json)
		printf("attached %s; Ctrl-C detaches\n", argv[optind]);
	fflush(stdout);

	ret = 0;
	sample(r);
	while (!stop && (!count || n < count)) {
		sleep_s(interval);
		sample(r);
		print_report(r, p.counters_fd);
		n++;
		kernel_evict_read("state", state, sizeof(state));
		if (!strcmp(state, "ejected")) {
			kernel_evict_read("reason", reason, sizeof(reason));
			fprintf(stderr, "kvmevict: the kernel ejected the policy: %s\n",
				reason[0] ? reason : "(no reason given)");
			ret = EXIT_EJECTED;
			break;
		}
	}
	policy_detach(&p);
	if (!json)
		printf("detached\n");
	free(r);
	return ret;
}

static int cmd_attach(int argc, char **argv)
{
	int json = 0, verbose = 0, pin = 0, ret;
	double interval = 1;
	uint64_t count = 0;
	struct policy p;

	ret = parse_policy_opts(argc, argv, attach_usage, &json, &verbose, &pin,
				&interval, &count);
	if (ret)
		return ret;
	if (optind != argc - 1 || !pin) {
		fprintf(stderr, "error: 'kvmevict attach' needs a policy and --pin"
			" (use 'kvmevict run' to attach while watching)\n");
		return 2;
	}
	if (policy_attach(&p, argv[optind], verbose, tunables, nr_tunables))
		return 1;
	if (policy_pin(&p)) {
		policy_detach(&p);
		return 1;
	}
	printf("attached %s, pinned in %s\n", argv[optind], KVMEVICT_PIN_DIR);
	/* The pin keeps the link; closing our copies leaves it attached. */
	policy_detach(&p);
	return 0;
}

static int cmd_swap(int argc, char **argv)
{
	int json = 0, verbose = 0, pin = 0, ret;
	double interval = 1;
	uint64_t count = 0;

	ret = parse_policy_opts(argc, argv, swap_usage, &json, &verbose, &pin,
				&interval, &count);
	if (ret)
		return ret;
	if (optind != argc - 1 || pin || json) {
		fputs(swap_usage, stderr);
		return 2;
	}
	if (policy_swap_pinned(argv[optind], verbose, tunables, nr_tunables))
		return 1;
	printf("swapped in %s, pinned in %s\n", argv[optind], KVMEVICT_PIN_DIR);
	return 0;
}

static int cmd_detach(int argc, char **argv)
{
	int err;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");

		fputs(detach_usage, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	err = policy_detach_pinned();
	if (err == -ENOENT) {
		fprintf(stderr, "error: no pinned policy in %s (attach one with"
			" 'kvmevict attach POLICY --pin')\n", KVMEVICT_PIN_DIR);
		return 1;
	}
	if (err) {
		fprintf(stderr, "error: cannot detach the pinned policy: %s%s\n",
			strerror(-err), err == -EPERM || err == -EACCES ?
			" (needs root)" : "");
		return 1;
	}
	printf("detached\n");
	return 0;
}

static int cmd_status(int argc, char **argv)
{
	struct report *r;
	int json = 0, fd, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j")) {
			json = 1;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(status_usage, stdout);
			return 0;
		} else {
			fputs(status_usage, stderr);
			return 2;
		}
	}
	if (access(KVMEVICT_SYSFS, F_OK)) {
		fprintf(stderr, "error: this kernel lacks kvm_mmu_evict_ops (%s is"
			" missing): boot a kernel built with kvm-evict's kernel-patch/\n",
			KVMEVICT_SYSFS);
		return 1;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return 1;
	r->json = json;
	r->nr_cur = vm_stats_sample(r->cur, MAX_VMS);
	if (r->nr_cur < 0) {
		fprintf(stderr, "note: per-VM counters need KVM's debugfs (%s): %s%s\n",
			KVM_DEBUGFS, strerror(-r->nr_cur), -r->nr_cur == EACCES ?
			" (run as root)" : " (mount -t debugfs none /sys/kernel/debug)");
		r->nr_cur = 0;
	}
	fd = bpf_obj_get(KVMEVICT_PIN_DIR "/counters");
	print_report(r, fd);
	if (fd >= 0)
		close(fd);
	free(r);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "attach"))
		return cmd_attach(argc - 1, argv + 1);
	if (!strcmp(argv[1], "swap"))
		return cmd_swap(argc - 1, argv + 1);
	if (!strcmp(argv[1], "detach"))
		return cmd_detach(argc - 1, argv + 1);
	if (!strcmp(argv[1], "status"))
		return cmd_status(argc - 1, argv + 1);
	fprintf(stderr, "error: unknown command '%s'\n\n%s", argv[1], usage_text);
	return 2;
}
