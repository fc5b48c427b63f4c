// SPDX-License-Identifier: GPL-2.0
/*
 * The simulator's eviction policies (see sim_policy.h).  Each keeps its
 * order in intrusive lists over key-indexed arrays: next[] runs from the
 * newest (head) to the oldest (tail) entry, prev[] the other way.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_policy.h"

/* --- intrusive lists; sentinels live at indices nr_keys + list ---------- */

struct lists {
	uint32_t *prev, *next;
	uint32_t nr_keys;
};

static int lists_init(struct lists *l, uint32_t nr_keys, int nr_lists)
{
	int i;

	l->nr_keys = nr_keys;
	l->prev = malloc((nr_keys + nr_lists) * sizeof(uint32_t));
	l->next = malloc((nr_keys + nr_lists) * sizeof(uint32_t));
	if (!l->prev || !l->next)
		return -1;
	for (i = 0; i < nr_lists; i++)
		l->prev[nr_keys + i] = l->next[nr_keys + i] = nr_keys + i;
	return 0;
}

static void lists_fini(struct lists *l)
{
	free(l->prev);
	free(l->next);
}

static uint32_t sentinel(struct lists *l, int list)
{
	return l->nr_keys + list;
}

static void list_push_head(struct lists *l, int list, uint32_t k)
{
	uint32_t s = sentinel(l, list), first = l->next[s];

	l->next[s] = k;
	l->prev[k] = s;
	l->next[k] = first;
	l->prev[first] = k;
}

static void list_del(struct lists *l, uint32_t k)
{
	l->next[l->prev[k]] = l->next[k];
	l->prev[l->next[k]] = l->prev[k];
}

/* The oldest entry, or SIM_NONE when the list is empty. */
static uint32_t list_tail(struct lists *l, int list)
{
	uint32_t s = sentinel(l, list);

	return l->prev[s] == s ? SIM_NONE : l->prev[s];
}

/* --- FIFO, LRU, CLOCK: one list plus a flag per key -------------------- */

struct simple {
	struct lists l;
	uint8_t *flag;		/* CLOCK: referenced */
};

static int simple_setup(struct simple *s, uint32_t nr_keys)
{
	if (lists_init(&s->l, nr_keys, 1))
		return -1;
	s->flag = calloc(nr_keys, 1);
	return s->flag ? 0 : -1;
}

static void simple_teardown(struct simple *s)
{
	lists_fini(&s->l);
	free(s->flag);
}

static int simple_init(struct sim_policy *p)
{
	struct simple *s = calloc(1, sizeof(*s));

	p->priv = s;
	return s ? simple_setup(s, p->nr_keys) : -1;
}

static void simple_fini(struct sim_policy *p)
{
	struct simple *s = p->priv;

	if (!s)
		return;
	simple_teardown(s);
	free(s);
}

static void simple_insert(struct sim_policy *p, uint32_t key, uint64_t t)
{
	struct simple *s = p->priv;

	s->flag[key] = 0;
	list_push_head(&s->l, 0, key);
}

static void nop_ref(struct sim_policy *p, uint32_t key, uint64_t t)
{
}

static uint32_t tail_victim(struct sim_policy *p)
{
	struct simple *s = p->priv;
	uint32_t k = list_tail(&s->l, 0);

	if (k != SIM_NONE)
		list_del(&s->l, k);
	return k;
}

static void lru_ref(struct sim_policy *p, uint32_t key, uint64_t t)
{
	struct simple *s = p->priv;

	list_del(&s->l, key);
	list_push_head(&s->l, 0, key);
}

static void clock_ref(struct sim_policy *p, uint32_t key, uint64_t t)
{
	((struct simple *)p->priv)->flag[key] = 1;
}

/* The hand sits at the tail; a referenced page gets a second lap. */
static uint32_t clock_victim(struct sim_policy *p)
{
	struct simple *s = p->priv;
	uint32_t k;

	while ((k = list_tail(&s->l, 0)) != SIM_NONE && s->flag[k]) {
		s->flag[k] = 0;
		list_del(&s->l, k);
		list_push_head(&s->l, 0, k);
	}
	if (k != SIM_NONE)
		list_del(&s->l, k);
	return k;
}

/* --- aging LRU -----------------------------------------------------------
 * An 8-bit age per page; every capacity/4 evictions an aging pass shifts
 * each age right and puts the reference bit in at the top.  A victim is the
 * lowest age among the AGING_WINDOW oldest pages; the others examined go
 * back to the head, so the window moves on.
 */
#define AGING_WINDOW 32

struct aging {
	struct simple s;
	uint8_t *age;
	uint32_t evictions, interval;
};

static int aging_init(struct sim_policy *p)
{
	struct aging *a = calloc(1, sizeof(*a));

	p->priv = a;
	if (!a || simple_setup(&a->s, p->nr_keys))
		return -1;
	a->age = calloc(p->nr_keys, 1);
	a->interval = p->capacity / 4 ? p->capacity / 4 : 1;
	return a->age ? 0 : -1;
}

static void aging_fini(struct sim_policy *p)
{
	struct aging *a = p->priv;

	if (!a)
		return;
	simple_teardown(&a->s);
	free(a->age);
	free(a);
}

static void aging_insert(struct sim_policy *p, uint32_t key, uint64_t t)
{
	struct aging *a = p->priv;

	a->age[key] = 0x80;
	a->s.flag[key] = 0;
	list_push_head(&a->s.l, 0, key);
}

static void aging_pass(struct aging *a)
{
	uint32_t s = sentinel(&a->s.l, 0), k;

	for (k = a->s.l.next[s]; k != s; k = a->s.l.next[k]) {
		a->age[k] = (a->age[k] >> 1) | (a->s.flag[k] ? 0x80 : 0);
		a->s.flag[k] = 0;
	}
}

static uint32_t aging_victim(struct sim_policy *p)
{
	struct aging *a = p->priv;
	uint32_t seen[AGING_WINDOW], best = SIM_NONE, k;
	int n = 0, i;

	if (++a->evictions % a->interval == 0)
		aging_pass(a);
	while (n < AGING_WINDOW && (k = list_tail(&a->s.l, 0)) != SIM_NONE) {
		list_del(&a->s.l, k);
		seen[n++] = k;
		if (best == SIM_NONE || a->age[k] < a->age[best])
			best = k;
	}
	/* The survivors go to the head oldest first: they keep their order. */
	for (i = 0; i < n; i++)
		if (seen[i] != best)
			list_push_head(&a->s.l, 0, seen[i]);
	return best;
}

/* --- SIEVE: FIFO order, a visited bit, a hand that never moves pages ---- */

struct sieve {
	struct simple s;
	uint32_t hand;
};

static int sieve_init(struct sim_policy *p)
{
	struct sieve *sv = calloc(1, sizeof(*sv));

	p->priv = sv;
	if (!sv || simple_setup(&sv->s, p->nr_keys))
		return -1;
	sv->hand = SIM_NONE;
	return 0;
}

static void sieve_fini(struct sim_policy *p)
{
	struct sieve *sv = p->priv;

	if (!sv)
		return;
	simple_teardown(&sv->s);
	free(sv);
}

static uint32_t sieve_victim(struct sim_policy *p)
{
	struct sieve *sv = p->priv;
	struct lists *l = &sv->s.l;
	uint32_t s = sentinel(l, 0);
	uint32_t k = sv->hand != SIM_NONE ? sv->hand : list_tail(l, 0);

	if (k == SIM_NONE)
		return k;
	while (sv->s.flag[k]) {
		sv->s.flag[k] = 0;
		k = l->prev[k] != s ? l->prev[k] : l->prev[s];
	}
	sv->hand = l->prev[k] != s ? l->prev[k] : SIM_NONE;
	list_del(l, k);
	return k;
}

/* --- S3-FIFO: a small probationary FIFO, a main FIFO, a ghost FIFO ------ */

enum { S3_SMALL, S3_MAIN, S3_GHOST };

struct s3fifo {
	struct lists l;
	uint8_t *freq;		/* 0..3 */
	uint8_t *in_ghost;
	uint32_t *looked;	/* the batch in which a main page was last looked at */
	uint32_t batch;
	uint32_t small_size, main_size, ghost_size;
	uint32_t small_target, ghost_target;
};

static int s3fifo_init(struct sim_policy *p)
{
	struct s3fifo *s = calloc(1, sizeof(*s));

	p->priv = s;
	if (!s || lists_init(&s->l, p->nr_keys, 3))
		return -1;
	s->freq = calloc(p->nr_keys, 1);
	s->in_ghost = calloc(p->nr_keys, 1);
	s->looked = calloc(p->nr_keys, sizeof(*s->looked));
	s->small_target = p->capacity / 10 ? p->capacity / 10 : 1;
	s->ghost_target = p->capacity - s->small_target;
	return s->freq && s->in_ghost && s->looked ? 0 : -1;
}

static void s3fifo_fini(struct sim_policy *p)
{
	struct s3fifo *s = p->priv;

	if (!s)
		return;
	lists_fini(&s->l);
	free(s->freq);
	free(s->in_ghost);
	free(s->looked);
	free(s);
}

static void s3fifo_insert(struct sim_policy *p, uint32_t key, uint64_t t)
{
	struct s3fifo *s = p->priv;

	s->freq[key] = 0;
	if (s->in_ghost[key]) {
		list_del(&s->l, key);
		s->in_ghost[key] = 0;
		s->ghost_size--;
		list_push_head(&s->l, S3_MAIN, key);
		s->main_size++;
	} else {
		list_push_head(&s->l, S3_SMALL, key);
		s->small_size++;
	}
}

/*
 * Like the BPF policy, which learns of uses from Accessed bits: a use sets
 * a bit, and a look at the page adds at most one to its count (up to 3).
 */
#define S3_SEEN 0x80

static void s3fifo_ref(struct sim_policy *p, uint32_t key, uint64_t t)
{
	((struct s3fifo *)p->priv)->freq[key] |= S3_SEEN;
}

static uint8_t s3fifo_uses(struct s3fifo *s, uint32_t key)
{
	uint8_t f = s->freq[key] & 3;

	if ((s->freq[key] & S3_SEEN) && f < 3)
		f++;
	s->freq[key] = f;
	return f;
}

static void s3fifo_remember(struct s3fifo *s, uint32_t key)
{
	uint32_t old;

	list_push_head(&s->l, S3_GHOST, key);
	s->in_ghost[key] = 1;
	if (++s->ghost_size > s->ghost_target) {
		old = list_tail(&s->l, S3_GHOST);
		list_del(&s->l, old);
		s->in_ghost[old] = 0;
		s->ghost_size--;
	}
}

static void s3fifo_batch(struct sim_policy *p)
{
	((struct s3fifo *)p->priv)->batch++;
}

/* The small queue's tail: promoted if used, else evicted and remembered. */
static uint32_t s3fifo_small(struct s3fifo *s, int *promoted)
{
	uint32_t k = list_tail(&s->l, S3_SMALL);

	*promoted = 0;
	if (k == SIM_NONE)
		return k;
	list_del(&s->l, k);
	s->small_size--;
	if (s3fifo_uses(s, k)) {
		s->freq[k] = 0;
		s->looked[k] = s->batch;
		list_push_head(&s->l, S3_MAIN, k);
		s->main_size++;
		*promoted = 1;
		return k;
	}
	s3fifo_remember(s, k);
	return k;
}

/*
 * As the BPF policy does in one evict() call: the small queue down to its
 * target, then one look at each main page not looked at (or promoted) in
 * this batch; when none is left, the small queue's tail, used or not, and
 * last the main queue's tail (in the kernel, KVM's FIFO fallback).
 */
static uint32_t s3fifo_victim(struct sim_policy *p)
{
	struct s3fifo *s = p->priv;
	int promoted;
	uint32_t k;

	for (;;) {
		if (s->small_size > s->small_target || !s->main_size) {
			k = s3fifo_small(s, &promoted);
			if (!promoted)
				return k;
			continue;
		}
		k = list_tail(&s->l, S3_MAIN);
		if (s->looked[k] == s->batch)
			break;
		list_del(&s->l, k);
		s->looked[k] = s->batch;
		if (s3fifo_uses(s, k)) {
			s->freq[k]--;
			list_push_head(&s->l, S3_MAIN, k);
			continue;
		}
		s->main_size--;
		return k;
	}
	k = list_tail(&s->l, S3_SMALL);
	if (k != SIM_NONE) {
		list_del(&s->l, k);
		s->small_size--;
		return k;
	}
	k = list_tail(&s->l, S3_MAIN);
	list_del(&s->l, k);
	s->main_size--;
	return k;
}

/* --- Belady's OPT: evict the key used furthest in the future ------------ */

struct heap_entry {
	uint64_t next_use;
	uint32_t key;
};

struct opt {
	struct heap_entry *heap;
	uint64_t size, cap;
	uint64_t *cur;		/* the key's next use; 0 when not resident */
	uint32_t resident;
};

static int opt_init(struct sim_policy *p)
{
	struct opt *o = calloc(1, sizeof(*o));

	p->priv = o;
	if (!o)
		return -1;
	o->cur = calloc(p->nr_keys, sizeof(*o->cur));
	o->cap = 1024;
	o->heap = malloc(o->cap * sizeof(*o->heap));
	return o->cur && o->heap ? 0 : -1;
}

static void opt_fini(struct sim_policy *p)
{
	struct opt *o = p->priv;

	if (!o)
		return;
	free(o->cur);
	free(o->heap);
	free(o);
}

static void heap_push(struct opt *o, uint64_t next_use, uint32_t key)
{
	uint64_t i = o->size++;

	if (o->size > o->cap) {
		o->cap *= 2;
		o->heap = realloc(o->heap, o->cap * sizeof(*o->heap));
		if (!o->heap)
			abort();
	}
	while (i && o->heap[(i - 1) / 2].next_use < next_use) {
		o->heap[i] = o->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	o->heap[i] = (struct heap_entry){ next_use, key };
}

static struct heap_entry heap_pop(struct opt *o)
{
	struct heap_entry top = o->heap[0], last = o->heap[--o->size];
	uint64_t i = 0, c;

	while ((c = 2 * i + 1) < o->size) {
		if (c + 1 < o->size && o->heap[c + 1].next_use > o->heap[c].next_use)
			c++;
		if (o->heap[c].next_use <= last.next_use)
			break;
		o->heap[i] = o->heap[c];
		i = c;
	}
	if (o->size)
		o->heap[i] = last;
	return top;
}

/* Stale entries pile up with every reference: rebuild from the residents. */
static void opt_compact(struct sim_policy *p)
{
	struct opt *o = p->priv;
	uint32_t k;

	o->size = 0;
	for (k = 0; k < p->nr_keys; k++)
		if (o->cur[k])
			heap_push(o, o->cur[k], k);
}

static void opt_touch(struct sim_policy *p, uint32_t key, uint64_t t)
{
	struct opt *o = p->priv;

	/* +1 keeps 0 free to mean "not resident". */
	o->cur[key] = p->next_use[t] + 1;
	heap_push(o, o->cur[key], key);
	if (o->size > 4 * (uint64_t)p->capacity + 4096)
		opt_compact(p);
}

static void opt_insert(struct sim_policy *p, uint32_t key, uint64_t t)
{
	((struct opt *)p->priv)->resident++;
	opt_touch(p, key, t);
}

static uint32_t opt_victim(struct sim_policy *p)
{
	struct opt *o = p->priv;

	while (o->size) {
		struct heap_entry e = heap_pop(o);

		if (o->cur[e.key] == e.next_use) {
			o->cur[e.key] = 0;
			o->resident--;
			return e.key;
		}
	}
	return SIM_NONE;
}

/* --- the table ------------------------------------------------------------ */

static const struct sim_policy_ops fifo_ops = {
	"fifo", "first in, first out (KVM's built-in order)",
	simple_init, simple_insert, nop_ref, tail_victim, simple_fini, NULL,
};
static const struct sim_policy_ops lru_ops = {
	"lru", "exact least recently used (sees every access)",
	simple_init, simple_insert, lru_ref, tail_victim, simple_fini, NULL,
};
static const struct sim_policy_ops clock_ops = {
	"clock", "second chance on a reference bit",
	simple_init, simple_insert, clock_ref, clock_victim, simple_fini, NULL,
};
static const struct sim_policy_ops aging_ops = {
	"aging", "8-bit aging, lowest age among the 32 oldest",
	aging_init, aging_insert, clock_ref, aging_victim, aging_fini, NULL,
};
static const struct sim_policy_ops sieve_ops = {
	"sieve", "SIEVE: FIFO with a visited bit and a lazy hand",
	sieve_init, simple_insert, clock_ref, sieve_victim, sieve_fini, NULL,
};
static const struct sim_policy_ops s3fifo_ops = {
	"s3fifo", "S3-FIFO: small, main and ghost FIFOs",
	s3fifo_init, s3fifo_insert, s3fifo_ref, s3fifo_victim, s3fifo_fini,
	s3fifo_batch,
};
static const struct sim_policy_ops opt_ops = {
	"opt", "Belady's OPT: furthest next use (offline bound)",
	opt_init, opt_insert, opt_touch, opt_victim, opt_fini, NULL,
};

const struct sim_policy_ops *const sim_policies[] = {
	&fifo_ops, &lru_ops, &clock_ops, &aging_ops, &sieve_ops, &s3fifo_ops,
	&opt_ops, NULL,
};

const struct sim_policy_ops *sim_policy_find(const char *name)
{
	int i;

	for (i = 0; sim_policies[i]; i++)
		if (!strcmp(sim_policies[i]->name, name))
			return sim_policies[i];
	return NULL;
}
