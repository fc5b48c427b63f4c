// SPDX-License-Identifier: GPL-2.0
/*
 * s3fifo: S3-FIFO (Yang et al., SOSP'23): a small probationary FIFO, a main
 * FIFO, and a ghost record of pages recently evicted from the small one.
 *
 * New pages enter the small queue (list 0), unless the ghost remembers
 * them: those go straight to the main queue (list 2).  A page leaving the
 * small queue is promoted to the main one if it was used while there, else
 * evicted and remembered.  The main queue gives pages with a use count (up
 * to 3; faults and Accessed bits) another round, one use at a time.  One-
 * time scans pass through the small queue only.
 *
 * KVM evicts in batches, with no guest access in between, so one evict()
 * call looks at each page at most once: a second look could only find it
 * unused.  When every main page was used since its last look, the rest
 * come from the small queue below its target.
 *
 * Cost per eviction: O(1) amortized; every evict() call walks the main
 * queue once and the small queue at most twice, each walk bounded by the
 * kernel's iterator (what they do not choose, KVM's FIFO fallback takes);
 * one hash lookup per new page.  Where it loses: a hot set larger than
 * the main queue whose pages are each used once per lap, and working sets
 * that move (every new page must be evicted once before the ghost admits
 * it to the main queue).
 *
 * Tunables (kvmevict run -o NAME=VALUE): small_percent.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

const volatile u32 small_percent = 10;	/* small queue's share of the pool */

#define SMALL_LIST	0
#define MAIN_LIST	2
#define FREQ_MASK	3ULL
/* The evict() call that last looked at the page (promoted it or spared it). */
#define CALL_SHIFT	32
#define CALL_MASK	(0x7fffffffULL << CALL_SHIFT)

struct ghost_key {
	u64 gfn;
	u32 role;
	s32 vm;
};

/*
 * Pages evicted from the small queue, each with the number of small-queue
 * evictions before it.  The ghost remembers as many pages as the main
 * queue holds: an entry older than that many evictions is a miss (and the
 * LRU hash forgets old entries by itself).  A larger ghost admits pages
 * that were not reused soon, and one-time scans that come round again.
 * The count is shared by all VMs, so with several VMs each VM's ghost
 * covers fewer of its own evictions.
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, struct ghost_key);
	__type(value, u64);
} ghost SEC(".maps");

u64 small_evictions;
u64 evict_calls;

/* Whether this evict() call looked at @sp already; marks it looked at. */
static __always_inline bool looked(struct kvm_mmu_page *sp, u64 call)
{
	u64 mark = (call << CALL_SHIFT) & CALL_MASK;

	if ((sp->evict.data & CALL_MASK) == mark)
		return true;
	sp->evict.data = (sp->evict.data & ~CALL_MASK) | mark;
	return false;
}

static __always_inline struct ghost_key key_of(struct kvm *kvm, struct kvm_mmu_page *sp)
{
	struct ghost_key k = {
		.gfn = sp->gfn, .role = sp->role.word, .vm = kvm->userspace_pid,
	};

	return k;
}

SEC("struct_ops/page_referenced")
void BPF_PROG(s3fifo_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	if ((sp->evict.data & FREQ_MASK) < 3)
		sp->evict.data++;
	count(KVMEVICT_REFERENCED, 1);
}

/* The page's use count, with a use since the last look added. */
static __always_inline u64 uses(struct kvm_mmu_page *sp)
{
	u64 f = sp->evict.data & FREQ_MASK;

	if (bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR) && f < 3)
		f++;
	return f;
}

/* The pages parked by earlier faults join a queue (see adopt_fresh()). */
static __always_inline void admit_fresh(struct kvm *kvm)
{
	struct kvm_mmu_page *sp;

	u64 main_len = bpf_kvm_mmu_list_len(kvm, MAIN_LIST);

	bpf_for_each(kvm_mmu_list, sp, kvm, FRESH_LIST, 0) {
		struct ghost_key k = key_of(kvm, sp);
		u64 *when = bpf_map_lookup_elem(&ghost, &k);
		bool remembered = when && small_evictions - *when <= main_len;

		bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR);
		if (when)
			bpf_map_delete_elem(&ghost, &k);
		if (remembered) {
			bpf_kvm_mmu_list_move(sp, MAIN_LIST, 0);
			count(KVMEVICT_PROMOTED, 1);
		} else {
			bpf_kvm_mmu_list_move(sp, SMALL_LIST, 0);
		}
	}
}

SEC("struct_ops/page_created")
void BPF_PROG(s3fifo_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	admit_fresh(kvm);
	park_fresh(sp);
}

/* The small queue, from its tail, down to small_percent of the pool. */
__noinline u32 evict_small(struct kvm *kvm __arg_trusted,
			   struct kvm_mmu_evict_ctx *req __arg_trusted,
			   u32 nr_to_evict, u64 call)
{
	struct kvm_mmu_page *sp;
	u32 chosen = 0;

	bpf_for_each(kvm_mmu_list, sp, kvm, SMALL_LIST, 0) {
		u32 small = bpf_kvm_mmu_list_len(kvm, SMALL_LIST);
		u32 pool = small + bpf_kvm_mmu_list_len(kvm, MAIN_LIST);

		if (chosen >= nr_to_evict || small * 100 <= (u64)pool * small_percent)
			break;
		if (unevictable(sp))
			continue;
		if (uses(sp)) {
			sp->evict.data &= ~FREQ_MASK;
			looked(sp, call);
			bpf_kvm_mmu_list_move(sp, MAIN_LIST, 0);
			count(KVMEVICT_PROMOTED, 1);
			continue;
		}
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0) {
			struct ghost_key k = key_of(kvm, sp);
			u64 now = ++small_evictions;

			bpf_map_update_elem(&ghost, &k, &now, BPF_ANY);
			chosen++;
		} else {
			count(KVMEVICT_REFUSED, 1);
		}
	}
	return chosen;
}

/*
 * One look at each main page, except those this call promoted or spared:
 * nothing can have used them since.
 */
__noinline u32 evict_main(struct kvm *kvm __arg_trusted,
			  struct kvm_mmu_evict_ctx *req __arg_trusted,
			  u32 nr_to_evict, u32 chosen, u64 call)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, MAIN_LIST, 0) {
		u64 f;

		if (chosen >= nr_to_evict)
			break;
		if (unevictable(sp) || looked(sp, call))
			continue;
		f = uses(sp);
		if (f) {
			sp->evict.data = (sp->evict.data & ~FREQ_MASK) | (f - 1);
			bpf_kvm_mmu_list_move(sp, MAIN_LIST, 0);
			count(KVMEVICT_SECOND_CHANCE, 1);
			continue;
		}
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	return chosen;
}

/* Still short: the small queue's oldest pages go, used or not. */
__noinline u32 evict_small_rest(struct kvm *kvm __arg_trusted,
				struct kvm_mmu_evict_ctx *req __arg_trusted,
				u32 nr_to_evict, u32 chosen)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, SMALL_LIST, 0) {
		if (chosen >= nr_to_evict)
			break;
		if (unevictable(sp))
			continue;
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	return chosen;
}

SEC("struct_ops/evict")
void BPF_PROG(s3fifo_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	u64 call = ++evict_calls;
	u32 chosen;

	chosen = evict_small(kvm, req, nr_to_evict, call);
	/* Pages the main queue spares go back to its head with one use less. */
	chosen = evict_main(kvm, req, nr_to_evict, chosen, call);
	/*
	 * Every main page was used since its last look: rather than leave the
	 * rest to KVM's FIFO, whose oldest pages are the upper levels every
	 * walk needs, take them from the small queue.
	 */
	if (chosen < nr_to_evict)
		chosen = evict_small_rest(kvm, req, nr_to_evict, chosen);
	count(KVMEVICT_EVICT_CALLS, 1);
	count(KVMEVICT_CHOSEN, chosen);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops s3fifo_ops = {
	.page_created = (void *)s3fifo_created,
	.page_referenced = (void *)s3fifo_referenced,
	.evict = (void *)s3fifo_evict,
	.name = "s3fifo",
};
