// SPDX-License-Identifier: GPL-2.0
/* Per-VM counters from KVM's debugfs (see vm_stats.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_stats.h"

const char *const vm_stat_names[VM_NR_STATS] = {
	[VM_PF_TAKEN] = "pf_taken",
	[VM_MMU_CACHE_MISS] = "mmu_cache_miss",
	[VM_MMU_RECYCLED] = "mmu_recycled",
	[VM_EVICT_CALLS] = "evict_calls",
	[VM_EVICT_POLICY_PAGES] = "evict_policy_pages",
	[VM_EVICT_FALLBACK_PAGES] = "evict_fallback_pages",
	[VM_EVICT_REJECTED] = "evict_rejected",
	[VM_EVICT_POLICY_NS] = "evict_policy_ns",
	[VM_MMU_PAGES_USED] = "mmu_pages_used",
	[VM_MMU_PAGES_MAX] = "mmu_pages_max",
};

static uint64_t read_u64(const char *dir, const char *name)
{
	char path[512];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), KVM_DEBUGFS "/%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%llu", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

int vm_stats_sample(struct vm_sample *out, int max)
{
	DIR *d = opendir(KVM_DEBUGFS);
	struct dirent *e;
	int n = 0, i;

	if (!d)
		return -errno;
	while (n < max && (e = readdir(d))) {
		/* VM directories are named PID-FD. */
		if (!isdigit((unsigned char)e->d_name[0]) || !strchr(e->d_name, '-'))
			continue;
		snprintf(out[n].id, sizeof(out[n].id), "%.63s", e->d_name);
		for (i = 0; i < VM_NR_STATS; i++)
			out[n].v[i] = read_u64(e->d_name, vm_stat_names[i]);
		n++;
	}
	closedir(d);
	return n;
}
