// SPDX-License-Identifier: GPL-2.0
/*
 * The simulator: textbook answers, OPT as a lower bound on random traces,
 * and the KVM model's accounting when nothing needs evicting.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "unit.h"

static struct trace make_trace(const uint32_t *seq, uint64_t n, uint32_t regions)
{
	struct trace t = { .nr_regions = regions, .pages_per_visit = 1, .nr_vcpus = 1 };

	t.seq[0] = malloc(n * sizeof(uint32_t));
	memcpy(t.seq[0], seq, n * sizeof(uint32_t));
	t.len[0] = n;
	return t;
}

static uint64_t misses(const struct trace *t, const char *policy,
		       enum sim_model model, enum sim_refill refill, uint32_t cap)
{
	struct sim_params p = { .capacity = cap, .model = model, .refill = refill };
	struct sim_input *in = sim_prepare(t, model);
	struct sim_result res;

	if (!in || sim_run(in, &p, sim_policy_find(policy), &res))
		abort();
	sim_input_free(in);
	return res.misses;
}

static uint64_t rng = 42;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng >> 33) % n);
}

int main(void)
{
	/* The classic reference string with 3 frames. */
	static const uint32_t ref[] = {
		7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1,
	};
	struct trace t = make_trace(ref, 20, 8);
	int i, j, violations = 0, runs = 0;

	CHECK_EQ(misses(&t, "fifo", SIM_MODEL_FLAT, SIM_REFILL_SINGLE, 3), 15);
	CHECK_EQ(misses(&t, "lru", SIM_MODEL_FLAT, SIM_REFILL_SINGLE, 3), 12);
	CHECK_EQ(misses(&t, "opt", SIM_MODEL_FLAT, SIM_REFILL_SINGLE, 3), 9);
	/* Belady's anomaly: FIFO on 1,2,3,4,1,2,5,1,2,3,4,5 misses more with 4. */
	{
		static const uint32_t b[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
		struct trace bt = make_trace(b, 12, 6);

		CHECK_EQ(misses(&bt, "fifo", SIM_MODEL_FLAT, SIM_REFILL_SINGLE, 3), 9);
		CHECK_EQ(misses(&bt, "fifo", SIM_MODEL_FLAT, SIM_REFILL_SINGLE, 4), 10);
		trace_free(&bt);
	}
	trace_free(&t);

	/* OPT never misses more than any policy, with either refill. */
	for (i = 0; i < 600; i++) {
		uint32_t regions = 2 + rnd(60), cap = 1 + rnd(regions), seq[3000];
		enum sim_refill refill = i % 2 ? SIM_REFILL_KVM : SIM_REFILL_SINGLE;
		uint64_t n = 1 + rnd(3000), best;

		for (j = 0; j < (int)n; j++)
			seq[j] = rnd(4) ? rnd(1 + regions / 4) : rnd(regions);
		t = make_trace(seq, n, regions);
		best = misses(&t, "opt", SIM_MODEL_FLAT, refill, cap);
		for (j = 0; sim_policies[j]; j++) {
			runs++;
			if (misses(&t, sim_policies[j]->name, SIM_MODEL_FLAT,
				   refill, cap) < best) {
				violations++;
				fprintf(stderr, "OPT beaten by %s: regions %u cap %u n %llu\n",
					sim_policies[j]->name, regions, cap,
					(unsigned long long)n);
			}
		}
		trace_free(&t);
	}
	CHECK_EQ(violations, 0);
	CHECK(runs > 0);

	/* KVM model, a pool big enough for everything: every shadow page is
	 * created once (root, PDPT, low PD and PT, one PD, 10 region PTs). */
	{
		uint32_t seq[1000];

		for (j = 0; j < 1000; j++)
			seq[j] = rnd(10);
		t = make_trace(seq, 1000, 10);
		for (j = 0; sim_policies[j]; j++)
			CHECK_EQ(misses(&t, sim_policies[j]->name, SIM_MODEL_KVM,
					SIM_REFILL_KVM, 64), 1 + 3 + 1 + 10);
		trace_free(&t);
	}
	return unit_done("test_sim");
}
