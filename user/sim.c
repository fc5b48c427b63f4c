// SPDX-License-Identifier: GPL-2.0
/* The eviction simulator's models and driver (see sim.h). */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* The synthetic guest's layout, as in guest.c. */
#define GUEST_CODE_PAGE		8
#define GUEST_CTRL_PAGE		16	/* + vCPU */
#define GUEST_BUF_PAGE		32	/* + 16 * vCPU + offset / 4096 */
#define GUEST_BUF_ENTRIES	8192
#define SPTE_PREFETCH		8	/* PTE_PREFETCH_NUM */

/* KVM-model keys: the PDPT's, the low PD's and low PT's shadow pages, then
 * one per region PD and one per region PT. */
enum { KEY_L3, KEY_L2_LOW, KEY_L1_LOW, KEY_FIRST_REGION_PD };
#define TOUCHES_PER_ACCESS 5	/* L3, low PD, low PT, region PD, region PT */

/* One replayed access: which region page, and for the KVM model what the
 * guest read just before it. */
struct access {
	uint32_t region;
	uint16_t page;		/* page within the region */
	uint16_t buf_page;	/* kvm: the buffer page holding its address */
	uint8_t vcpu;
	uint8_t chunk_start;	/* kvm: first address of a chunk */
};

struct sim_input {
	enum sim_model model;
	uint32_t nr_regions, nr_pds, nr_keys;
	uint64_t nr_accesses, nr_touches, nr_visits;
	struct access *acc;
	uint64_t *next_use;
};

static uint32_t key_region_pd(const struct sim_input *in, uint32_t r)
{
	return KEY_FIRST_REGION_PD + r / 512;
}

static uint32_t key_region_pt(const struct sim_input *in, uint32_t r)
{
	return KEY_FIRST_REGION_PD + in->nr_pds + r;
}

static uint32_t touch_key(const struct sim_input *in, uint64_t t)
{
	const struct access *a;

	if (in->model == SIM_MODEL_FLAT)
		return in->acc[t].region;
	a = &in->acc[t / TOUCHES_PER_ACCESS];
	switch (t % TOUCHES_PER_ACCESS) {
	case 3: return key_region_pd(in, a->region);
	case 4: return key_region_pt(in, a->region);
	default: return t % TOUCHES_PER_ACCESS;
	}
}

/* Interleave the vCPUs' sequences one access at a time, as the model's
 * single stream; expand each visit into its pages. */
static int expand(struct sim_input *in, const struct trace *t)
{
	uint64_t pos[TRACE_MAX_VCPUS] = { 0 }, in_chunk[TRACE_MAX_VCPUS] = { 0 };
	uint32_t ppv = t->pages_per_visit, per_chunk = GUEST_BUF_ENTRIES / ppv * ppv;
	uint64_t n = 0, v, left = 0;
	uint32_t p;

	for (v = 0; v < t->nr_vcpus; v++)
		left += t->len[v];
	in->nr_visits = left;
	in->nr_accesses = left * ppv;
	in->acc = malloc(in->nr_accesses * sizeof(*in->acc));
	if (!in->acc)
		return -1;
	while (left) {
		for (v = 0; v < t->nr_vcpus; v++) {
			if (pos[v] == t->len[v])
				continue;
			for (p = 0; p < ppv; p++) {
				struct access *a = &in->acc[n++];

				a->region = t->seq[v][pos[v]];
				a->page = p;
				a->vcpu = v;
				a->chunk_start = in_chunk[v] == 0;
				a->buf_page = GUEST_BUF_PAGE + 16 * v +
					      in_chunk[v] * 8 / 4096;
				in_chunk[v] = (in_chunk[v] + 1) % per_chunk;
			}
			pos[v]++;
			left--;
		}
	}
	return 0;
}

struct sim_input *sim_prepare(const struct trace *t, enum sim_model model)
{
	struct sim_input *in = calloc(1, sizeof(*in));
	uint64_t *last = NULL, i;

	if (!in)
		return NULL;
	in->model = model;
	in->nr_regions = t->nr_regions;
	in->nr_pds = (t->nr_regions + 511) / 512;
	if (expand(in, t))
		goto err;
	if (model == SIM_MODEL_FLAT) {
		in->nr_keys = t->nr_regions;
		in->nr_touches = in->nr_accesses;
	} else {
		in->nr_keys = KEY_FIRST_REGION_PD + in->nr_pds + t->nr_regions;
		in->nr_touches = in->nr_accesses * TOUCHES_PER_ACCESS;
	}

	/* next_use[t]: the touch index of the next use of touch t's key. */
	in->next_use = malloc(in->nr_touches * sizeof(*in->next_use));
	last = malloc(in->nr_keys * sizeof(*last));
	if (!in->next_use || !last)
		goto err;
	for (i = 0; i < in->nr_keys; i++)
		last[i] = UINT64_MAX - 1;
	for (i = in->nr_touches; i-- > 0;) {
		uint32_t k = touch_key(in, i);

		in->next_use[i] = last[k];
		last[k] = i;
	}
	free(last);
	return in;
err:
	free(last);
	sim_input_free(in);
	return NULL;
}

void sim_input_free(struct sim_input *in)
{
	if (!in)
		return;
	free(in->acc);
	free(in->next_use);
	free(in);
}

/* --- the run -------------------------------------------------------------- */

struct run {
	const struct sim_input *in;
	const struct sim_params *params;
	struct sim_policy pol;
	struct sim_result *res;
	uint32_t used;
	/* kvm model */
	uint8_t *resident;
	uint32_t *gen;		/* bumped whenever a page is created or zapped */
	uint32_t *link_gen;	/* parent's gen when this page was linked to it */
	uint64_t *sptes;	/* leaf pages: 8 x 64 bits of installed SPTEs */
};

static int parent_of(const struct run *r, uint32_t k)
{
	if (k == KEY_L3)
		return -1;				/* the root */
	if (k < KEY_FIRST_REGION_PD)
		return k - 1;				/* L3 -> low PD -> low PT */
	if (k < KEY_FIRST_REGION_PD + r->in->nr_pds)
		return KEY_L3;
	return key_region_pd(r->in, k - KEY_FIRST_REGION_PD - r->in->nr_pds);
}

static void evict(struct run *r, uint32_t n)
{
	if (r->pol.ops->batch)
		r->pol.ops->batch(&r->pol);
	while (n--) {
		uint32_t k = r->pol.ops->victim(&r->pol);

		if (k == SIM_NONE)
			return;
		r->used--;
		r->res->evictions++;
		r->resident[k] = 0;
		r->gen[k]++;
		if (r->sptes)
			memset(&r->sptes[(uint64_t)k * 8], 0, 64);
	}
}

/* Before a new page: KVM's make_mmu_pages_available(), or one at a time. */
static void make_room(struct run *r)
{
	uint32_t cap = r->params->capacity;
	uint32_t avail = cap > r->used ? cap - r->used : 0;

	if (r->params->refill == SIM_REFILL_SINGLE) {
		if (!avail)
			evict(r, 1);
	} else if (avail < KVM_MIN_FREE_MMU_PAGES) {
		evict(r, KVM_REFILL_PAGES - avail);
	}
}

static void run_flat(struct run *r)
{
	const struct sim_input *in = r->in;
	uint64_t t;

	for (t = 0; t < in->nr_touches; t++) {
		uint32_t k = in->acc[t].region;

		if (r->resident[k]) {
			r->pol.ops->ref(&r->pol, k, t);
			continue;
		}
		r->res->misses++;
		make_room(r);
		r->resident[k] = 1;
		r->used++;
		r->pol.ops->insert(&r->pol, k, t);
	}
}

static int linked(const struct run *r, uint32_t k)
{
	int p = parent_of(r, k);

	if (!r->resident[k])
		return 0;
	return p < 0 || (r->resident[p] && r->link_gen[k] == r->gen[p]);
}

/*
 * One guest memory access through shadow pages path[0..2] (L3, L2, L1) to
 * leaf page @page; touch[i] is path[i]'s index in the touch stream.
 */
static void kvm_access(struct run *r, const uint32_t *path, const uint64_t *touch,
		       uint32_t page)
{
	uint64_t *spte_word;
	int i;

	for (i = 0; i < 3; i++)
		if (!linked(r, path[i]))
			break;
	spte_word = &r->sptes[(uint64_t)path[2] * 8 + page / 64];
	if (i == 3 && (*spte_word & (1ULL << (page % 64)))) {
		for (i = 0; i < 3; i++)		/* the hardware walk */
			r->pol.ops->ref(&r->pol, path[i], touch[i]);
		return;
	}

	r->res->faults++;
	make_room(r);
	for (i = 0; i < 3; i++) {
		uint32_t k = path[i];
		int p = parent_of(r, k);

		if (!r->resident[k]) {
			r->res->misses++;
			r->resident[k] = 1;
			r->gen[k]++;
			r->used++;
			r->pol.ops->insert(&r->pol, k, touch[i]);
		} else {
			r->pol.ops->ref(&r->pol, k, touch[i]);
		}
		r->link_gen[k] = p < 0 ? 0 : r->gen[p];
	}
	/* The fault installs its SPTE and prefetches the aligned group. */
	spte_word = &r->sptes[(uint64_t)path[2] * 8 + page / 64];
	*spte_word |= 0xffULL << (page / SPTE_PREFETCH * SPTE_PREFETCH % 64);
}

static void run_kvm(struct run *r)
{
	const struct sim_input *in = r->in;
	uint32_t low[3] = { KEY_L3, KEY_L2_LOW, KEY_L1_LOW }, region[3];
	uint64_t i;

	r->res->misses = 1;		/* the root, created at the first entry */
	r->used = 1;
	for (i = 0; i < in->nr_accesses; i++) {
		const struct access *a = &in->acc[i];
		uint64_t t = i * TOUCHES_PER_ACCESS;
		uint64_t lt[3] = { t, t + 1, t + 2 }, rt[3] = { t, t + 3, t + 4 };

		kvm_access(r, low, lt, GUEST_CODE_PAGE);
		if (a->chunk_start)
			kvm_access(r, low, lt, GUEST_CTRL_PAGE + a->vcpu);
		kvm_access(r, low, lt, a->buf_page);
		region[0] = KEY_L3;
		region[1] = key_region_pd(in, a->region);
		region[2] = key_region_pt(in, a->region);
		kvm_access(r, region, rt, a->page);
	}
}

int sim_run(const struct sim_input *in, const struct sim_params *params,
	    const struct sim_policy_ops *ops, struct sim_result *res)
{
	struct run r = { .in = in, .params = params, .res = res };
	int ret = -1;

	memset(res, 0, sizeof(*res));
	res->accesses = in->nr_visits;
	r.pol.ops = ops;
	r.pol.nr_keys = in->nr_keys;
	r.pol.capacity = params->capacity;
	r.pol.next_use = in->next_use;
	r.gen = calloc(in->nr_keys, sizeof(*r.gen));
	r.resident = calloc(in->nr_keys, 1);
	if (!r.gen || !r.resident || ops->init(&r.pol))
		goto out;
	if (in->model == SIM_MODEL_FLAT) {
		run_flat(&r);
		res->faults = res->misses;
	} else {
		r.link_gen = calloc(in->nr_keys, sizeof(*r.link_gen));
		r.sptes = calloc((uint64_t)in->nr_keys * 8, sizeof(uint64_t));
		if (!r.link_gen || !r.sptes)
			goto out;
		run_kvm(&r);
	}
	ret = 0;
out:
	ops->fini(&r.pol);
	free(r.gen);
	free(r.resident);
	free(r.link_gen);
	free(r.sptes);
	return ret;
}
