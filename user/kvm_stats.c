// SPDX-License-Identifier: GPL-2.0
/* Reading KVM's binary statistics by name; the layout is in linux/kvm.h. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_stats.h"

static struct kvm_stats_desc *desc_at(const struct kvm_stats *ks, int i)
{
	return (struct kvm_stats_desc *)(ks->descs + (size_t)i * ks->desc_size);
}

int kvm_stats_open(struct kvm_stats *ks, int kvm_object_fd)
{
	struct kvm_stats_header hdr;
	size_t len;
	int i;

	memset(ks, 0, sizeof(*ks));
	ks->fd = ioctl(kvm_object_fd, KVM_GET_STATS_FD, NULL);
	if (ks->fd < 0)
		return -errno;
	if (pread(ks->fd, &hdr, sizeof(hdr), 0) != sizeof(hdr))
		goto err_io;

	ks->nr = hdr.num_desc;
	ks->desc_size = sizeof(struct kvm_stats_desc) + hdr.name_size;
	ks->data_offset = hdr.data_offset;
	len = (size_t)ks->nr * ks->desc_size;
	ks->descs = malloc(len);
	ks->stats = calloc(ks->nr, sizeof(*ks->stats));
	if (!ks->descs || !ks->stats) {
		kvm_stats_close(ks);
		return -ENOMEM;
	}
	if (pread(ks->fd, ks->descs, len, hdr.desc_offset) != (ssize_t)len)
		goto err_io;

	for (i = 0; i < ks->nr; i++) {
		struct kvm_stats_desc *d = desc_at(ks, i);
		uint32_t type = d->flags & KVM_STATS_TYPE_MASK;

		strncpy(ks->stats[i].name, d->name, KVM_STAT_NAME_MAX - 1);
		ks->stats[i].cumulative = type == KVM_STATS_TYPE_CUMULATIVE;
	}
	return kvm_stats_read(ks);

err_io:
	kvm_stats_close(ks);
	return -EIO;
}

int kvm_stats_read(struct kvm_stats *ks)
{
	uint64_t buf[64];
	int i, j;

	for (i = 0; i < ks->nr; i++) {
		struct kvm_stats_desc *d = desc_at(ks, i);
		uint32_t n = d->size < 64 ? d->size : 64;
		ssize_t want = n * sizeof(uint64_t);

		if (pread(ks->fd, buf, want, ks->data_offset + d->offset) != want)
			return -EIO;
		ks->stats[i].value = 0;
		for (j = 0; j < (int)n; j++)
			ks->stats[i].value += buf[j];
	}
	return 0;
}

const struct kvm_stat *kvm_stats_find(const struct kvm_stats *ks, const char *name)
{
	int i;

	for (i = 0; i < ks->nr; i++)
		if (!strcmp(ks->stats[i].name, name))
			return &ks->stats[i];
	return NULL;
}

void kvm_stats_close(struct kvm_stats *ks)
{
	if (ks->fd > 0)
		close(ks->fd);
	free(ks->descs);
	free(ks->stats);
	memset(ks, 0, sizeof(*ks));
}
