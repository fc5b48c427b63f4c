/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Eviction policies of the simulator, over dense keys 0..nr_keys-1.
 *
 * The driver (sim.c) tells a policy when a key becomes resident (insert)
 * and when a resident key is used again (ref), and asks it for victims.
 * Every call carries the index of the current touch in the driver's touch
 * stream, which only Belady's OPT uses (through next_use).
 */
#ifndef KVMEVICT_SIM_POLICY_H
#define KVMEVICT_SIM_POLICY_H

#include <stdint.h>

#define SIM_NONE UINT32_MAX

struct sim_policy {
	const struct sim_policy_ops *ops;
	uint32_t nr_keys;
	uint32_t capacity;
	/* For OPT: the touch index of the next use of the key touched at t. */
	const uint64_t *next_use;
	void *priv;
};

struct sim_policy_ops {
	const char *name;
	const char *summary;
	int (*init)(struct sim_policy *p);
	void (*insert)(struct sim_policy *p, uint32_t key, uint64_t t);
	void (*ref)(struct sim_policy *p, uint32_t key, uint64_t t);
	/* Remove and return a resident key; SIM_NONE when none is resident. */
	uint32_t (*victim)(struct sim_policy *p);
	void (*fini)(struct sim_policy *p);
	/* Optional: KVM is about to evict a batch (no accesses until done). */
	void (*batch)(struct sim_policy *p);
};

/* All policies, OPT last; NULL-terminated. */
extern const struct sim_policy_ops *const sim_policies[];
const struct sim_policy_ops *sim_policy_find(const char *name);

#endif
