/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counters kvm-evict policies keep, shared by the BPF programs (which
 * count) and kvmevict (which prints them by name).  A policy counts only
 * what applies to it; kvmevict prints the counters that are not zero.
 */
#ifndef KVMEVICT_COUNTERS_H
#define KVMEVICT_COUNTERS_H

#define KVMEVICT_COUNTER_LIST(X)					\
	X(EVICT_CALLS, "evict_calls")		/* evict() invocations */	\
	X(CHOSEN, "chosen")			/* pages chosen */		\
	X(REFUSED, "refused")			/* choices KVM refused */	\
	X(SCANNED, "scanned")			/* pages looked at */		\
	X(SECOND_CHANCE, "second_chance")	/* referenced pages spared */	\
	X(AGING_PASSES, "aging_passes")		/* aging passes run */	\
	X(PROMOTED, "promoted")			/* moved to a protected list */	\
	X(CREATED, "created")			/* page_created() calls */	\
	X(REFERENCED, "referenced")		/* page_referenced() calls */	\
	X(REMOVED, "removed")			/* page_removed() calls */

enum kvmevict_counter {
#define KVMEVICT_COUNTER_ENUM(id, name) KVMEVICT_##id,
	KVMEVICT_COUNTER_LIST(KVMEVICT_COUNTER_ENUM)
#undef KVMEVICT_COUNTER_ENUM
	KVMEVICT_NR_COUNTERS
};

#endif
