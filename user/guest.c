// SPDX-License-Identifier: GPL-2.0
/*
 * The synthetic shadow-MMU guest (see guest.h): its memory layout, long-mode
 * setup through the KVM API, and the vCPU loop.
 *
 * Guest-physical layout (identity-mapped below 2 MiB with 4 KiB pages):
 *   0x1000 PML4, 0x2000 PDPT, 0x3000 PD of the low GiB, 0x4000 PT of 0-2 MiB
 *   0x8000 code, 0x10000 + 4K*v control page of vCPU v,
 *   0x20000 + 64K*v address buffer of vCPU v,
 *   2 MiB and up: the regions' PDs, their PTs, then the data frames.
 * Region r is guest-virtual 1 GiB + r * 2 MiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest.h"

#define PAGE_SIZE	4096ULL
#define SZ_2M		(2ULL << 20)
#define SZ_1G		(1ULL << 30)
#define PTE_P		0x1ULL
#define PTE_RW		0x2ULL
#define PTE_A		0x20ULL		/* preset: KVM need not write it back */
#define PTE_TABLE	(PTE_P | PTE_RW | PTE_A)

#define GPA_PML4	0x1000ULL
#define GPA_PDPT	0x2000ULL
#define GPA_PD_LOW	0x3000ULL
#define GPA_PT_LOW	0x4000ULL
#define GPA_CODE	0x8000ULL
#define GPA_CTRL	0x10000ULL
#define GPA_BUF		0x20000ULL
#define BUF_ENTRIES	8192			/* addresses per chunk */
#define BUF_BYTES	(BUF_ENTRIES * 8ULL)
#define GPA_REGION_TABLES SZ_2M
#define GVA_REGIONS	SZ_1G
#define PORT_NEXT_CHUNK	0x10

/*
 * The guest's whole program (RBX: address buffer, RBP: control page whose
 * first quadword is the number of addresses in the buffer):
 *
 *  top:  mov rcx, [rbp]; test rcx, rcx; jz done; mov rsi, rbx
 *  loop: mov rax, [rsi]; mov dl, [rax]; add rsi, 8; dec rcx; jnz loop
 *        out 0x10, al; jmp top
 *  done: hlt
 */
static const uint8_t guest_code[] = {
	0x48, 0x8b, 0x4d, 0x00,		/* mov rcx, [rbp + 0] */
	0x48, 0x85, 0xc9,		/* test rcx, rcx */
	0x74, 0x15,			/* jz done */
	0x48, 0x89, 0xde,		/* mov rsi, rbx */
	0x48, 0x8b, 0x06,		/* loop: mov rax, [rsi] */
	0x8a, 0x10,			/* mov dl, [rax] */
	0x48, 0x83, 0xc6, 0x08,		/* add rsi, 8 */
	0x48, 0xff, 0xc9,		/* dec rcx */
	0x75, 0xf2,			/* jnz loop */
	0xe6, PORT_NEXT_CHUNK,		/* out 0x10, al */
	0xeb, 0xe2,			/* jmp top */
	0xf4,				/* done: hlt */
};

struct guest_vcpu {
	struct guest *g;
	int index;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	int error;
};

struct guest {
	struct guest_config cfg;
	int kvm_fd;
	int vm_fd;
	uint8_t *mem;
	uint64_t mem_size;
	size_t run_size;
	struct guest_vcpu vcpus[GUEST_MAX_VCPUS];
	guest_next_region_fn next;
	void *next_ctx;
};

static uint64_t *gpa_u64(struct guest *g, uint64_t gpa)
{
	return (uint64_t *)(g->mem + gpa);
}

static uint64_t nr_region_pds(const struct guest_config *cfg)
{
	return (cfg->nr_regions + 511) / 512;
}

static uint64_t region_pt_gpa(const struct guest_config *cfg, uint32_t r)
{
	return GPA_REGION_TABLES + (nr_region_pds(cfg) + r) * PAGE_SIZE;
}

static void build_page_tables(struct guest *g)
{
	const struct guest_config *cfg = &g->cfg;
	uint64_t pd0 = GPA_REGION_TABLES;
	uint64_t data = region_pt_gpa(cfg, cfg->nr_regions);
	uint64_t i, r;

	*gpa_u64(g, GPA_PML4) = GPA_PDPT | PTE_TABLE;
	*gpa_u64(g, GPA_PDPT) = GPA_PD_LOW | PTE_TABLE;
	*gpa_u64(g, GPA_PD_LOW) = GPA_PT_LOW | PTE_TABLE;
	for (i = 0; i < 512; i++)
		gpa_u64(g, GPA_PT_LOW)[i] = (i * PAGE_SIZE) | PTE_TABLE;

	for (i = 0; i < nr_region_pds(cfg); i++)
		gpa_u64(g, GPA_PDPT)[1 + i] = (pd0 + i * PAGE_SIZE) | PTE_TABLE;
	for (r = 0; r < cfg->nr_regions; r++) {
		uint64_t pt = region_pt_gpa(cfg, r);

		gpa_u64(g, pd0)[r] = pt | PTE_TABLE;	/* PDs are contiguous */
		for (i = 0; i < 512; i++)
			gpa_u64(g, pt)[i] = (data + (i % cfg->nr_data_frames) *
					     PAGE_SIZE) | PTE_TABLE;
	}
}

static int set_cpuid(struct guest *g, int vcpu_fd)
{
	struct kvm_cpuid2 *cpuid;
	int n = 128, ret;

	for (;;) {
		cpuid = calloc(1, sizeof(*cpuid) + n * sizeof(cpuid->entries[0]));
		if (!cpuid)
			return -ENOMEM;
		cpuid->nent = n;
		ret = ioctl(g->kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid);
		if (ret == 0 || errno != E2BIG)
			break;
		free(cpuid);
		n *= 2;
	}
	if (ret == 0)
		ret = ioctl(vcpu_fd, KVM_SET_CPUID2, cpuid);
	ret = ret ? -errno : 0;
	free(cpuid);
	return ret;
}

static int setup_long_mode(struct guest *g, struct guest_vcpu *v)
{
	struct kvm_segment code = {
		.base = 0, .limit = 0xffffffff, .selector = 0x8, .type = 11,
		.present = 1, .s = 1, .l = 1, .g = 1,
	};
	struct kvm_segment data = {
		.base = 0, .limit = 0xffffffff, .selector = 0x10, .type = 3,
		.present = 1, .s = 1, .db = 1, .g = 1,
	};
	struct kvm_segment tss = {
		.base = 0, .limit = 0x67, .selector = 0x18, .type = 11,
		.present = 1,
	};
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int ret;

	ret = set_cpuid(g, v->fd);
	if (ret)
		return ret;
	if (ioctl(v->fd, KVM_GET_SREGS, &sregs))
		return -errno;
	sregs.cr3 = GPA_PML4;
	sregs.cr4 = 0x20;			/* PAE */
	sregs.cr0 = 0x80000031;			/* PG, NE, ET, PE */
	sregs.efer = 0x500;			/* LMA, LME */
	sregs.cs = code;
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = data;
	sregs.tr = tss;
	if (ioctl(v->fd, KVM_SET_SREGS, &sregs))
		return -errno;

	memset(&regs, 0, sizeof(regs));
	regs.rip = GPA_CODE;
	regs.rflags = 0x2;
	regs.rbx = GPA_BUF + v->index * BUF_BYTES;
	regs.rbp = GPA_CTRL + v->index * PAGE_SIZE;
	if (ioctl(v->fd, KVM_SET_REGS, &regs))
		return -errno;
	return 0;
}

static int create_vcpu(struct guest *g, int index)
{
	struct guest_vcpu *v = &g->vcpus[index];
	int ret;

	v->g = g;
	v->index = index;
	v->fd = ioctl(g->vm_fd, KVM_CREATE_VCPU, index);
	if (v->fd < 0)
		return -errno;
	v->run = mmap(NULL, g->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      v->fd, 0);
	if (v->run == MAP_FAILED) {
		v->run = NULL;
		return -errno;
	}
	ret = setup_long_mode(g, v);
	return ret;
}

static int check_config(const struct guest_config *cfg)
{
	if (cfg->nr_regions < 1 || cfg->nr_regions > GUEST_MAX_REGIONS) {
		fprintf(stderr, "error: regions must be 1..%d (got %u)\n",
			GUEST_MAX_REGIONS, cfg->nr_regions);
		return -1;
	}
	if (cfg->nr_vcpus < 1 || cfg->nr_vcpus > GUEST_MAX_VCPUS) {
		fprintf(stderr, "error: vcpus must be 1..%d (got %u)\n",
			GUEST_MAX_VCPUS, cfg->nr_vcpus);
		return -1;
	}
	if (cfg->pages_per_visit < 1 || cfg->pages_per_visit > 64) {
		fprintf(stderr, "error: pages per visit must be 1..64 (got %u)\n",
			cfg->pages_per_visit);
		return -1;
	}
	if (cfg->nr_data_frames < 1 || cfg->nr_data_frames > 512) {
		fprintf(stderr, "error: data frames must be 1..512 (got %u)\n",
			cfg->nr_data_frames);
		return -1;
	}
	return 0;
}

struct guest *guest_create(const struct guest_config *cfg)
{
	struct kvm_userspace_memory_region slot = { 0 };
	const char *step;
	struct guest *g;
	uint64_t end;
	uint32_t i;
	int ret;

	if (check_config(cfg))
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->cfg = *cfg;
	g->vm_fd = -1;

	step = "open /dev/kvm";
	g->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (g->kvm_fd < 0)
		goto err_errno;
	step = "create a VM (KVM_CREATE_VM)";
	g->vm_fd = ioctl(g->kvm_fd, KVM_CREATE_VM, 0);
	if (g->vm_fd < 0)
		goto err_errno;
	step = "query the vCPU mmap size";
	g->run_size = ioctl(g->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if ((long)g->run_size <= 0)
		goto err_errno;

	if (cfg->pool_pages) {
		step = "set the shadow-page pool (KVM_SET_NR_MMU_PAGES)";
		if (ioctl(g->vm_fd, KVM_SET_NR_MMU_PAGES, cfg->pool_pages)) {
			fprintf(stderr, "error: KVM refused a pool of %u shadow pages: %s"
				" (KVM's minimum is 64)\n", cfg->pool_pages,
				strerror(errno));
			goto err;
		}
	}

	end = region_pt_gpa(cfg, cfg->nr_regions) + cfg->nr_data_frames * PAGE_SIZE;
	g->mem_size = (end + SZ_2M - 1) & ~(SZ_2M - 1);
	step = "allocate guest memory";
	g->mem = mmap(NULL, g->mem_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (g->mem == MAP_FAILED) {
		g->mem = NULL;
		goto err_errno;
	}
	build_page_tables(g);
	memcpy(g->mem + GPA_CODE, guest_code, sizeof(guest_code));

	slot.memory_size = g->mem_size;
	slot.userspace_addr = (uintptr_t)g->mem;
	step = "add guest memory (KVM_SET_USER_MEMORY_REGION)";
	if (ioctl(g->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot))
		goto err_errno;

	for (i = 0; i < cfg->nr_vcpus; i++) {
		ret = create_vcpu(g, i);
		if (ret) {
			errno = -ret;
			step = "create and set up a long-mode vCPU";
			goto err_errno;
		}
	}
	return g;

err_errno:
	ret = errno;
	fprintf(stderr, "error: cannot %s: %s\n", step, strerror(ret));
	if (g->kvm_fd < 0 && ret == ENOENT)
		fprintf(stderr, "       this machine has no KVM; run inside the test VM"
			" (scripts/vm-run)\n");
err:
	guest_destroy(g);
	return NULL;
}

/* Fill vCPU @v's buffer with the next chunk; returns the address count. */
static uint64_t fill_chunk(struct guest_vcpu *v)
{
	struct guest *g = v->g;
	uint32_t ppv = g->cfg.pages_per_visit;
	uint64_t *buf = gpa_u64(g, GPA_BUF + v->index * BUF_BYTES);
	uint64_t n = 0;
	uint32_t p;

	while (n + ppv <= BUF_ENTRIES) {
		int64_t r = g->next(g->next_ctx, v->index);
		uint64_t base;

		if (r < 0)
			break;
		if (r >= g->cfg.nr_regions) {
			fprintf(stderr, "error: region %lld is outside 0..%u\n",
				(long long)r, g->cfg.nr_regions - 1);
			v->error = 1;
			return 0;
		}
		base = GVA_REGIONS + (uint64_t)r * SZ_2M;
		for (p = 0; p < ppv; p++)
			buf[n++] = base + p * PAGE_SIZE;
	}
	*gpa_u64(g, GPA_CTRL + v->index * PAGE_SIZE) = n;
	return n;
}

static void *vcpu_thread(void *arg)
{
	struct guest_vcpu *v = arg;
	struct kvm_run *run = v->run;

	fill_chunk(v);
	while (!v->error) {
		if (ioctl(v->fd, KVM_RUN, NULL) && errno != EINTR) {
			fprintf(stderr, "error: vCPU %d: KVM_RUN: %s\n", v->index,
				strerror(errno));
			v->error = 1;
			break;
		}
		switch (run->exit_reason) {
		case KVM_EXIT_IO:
			if (run->io.port == PORT_NEXT_CHUNK) {
				fill_chunk(v);
				continue;
			}
			break;
		case KVM_EXIT_HLT:
			return NULL;
		case KVM_EXIT_INTR:
			continue;
		}
		fprintf(stderr, "error: vCPU %d stopped unexpectedly: exit reason %u"
			" (hardware reason 0x%llx, suberror %u)\n", v->index,
			run->exit_reason,
			(unsigned long long)run->hw.hardware_exit_reason,
			run->internal.suberror);
		v->error = 1;
	}
	return NULL;
}

int guest_run(struct guest *g, guest_next_region_fn next, void *ctx)
{
	uint32_t i;
	int failed = 0;

	g->next = next;
	g->next_ctx = ctx;
	for (i = 0; i < g->cfg.nr_vcpus; i++) {
		if (pthread_create(&g->vcpus[i].thread, NULL, vcpu_thread,
				   &g->vcpus[i])) {
			fprintf(stderr, "error: cannot start vCPU thread %u\n", i);
			g->vcpus[i].error = 1;
		}
	}
	for (i = 0; i < g->cfg.nr_vcpus; i++) {
		if (g->vcpus[i].thread)
			pthread_join(g->vcpus[i].thread, NULL);
		failed |= g->vcpus[i].error;
	}
	return failed ? -1 : 0;
}

int guest_vm_fd(const struct guest *g)
{
	return g->vm_fd;
}

int guest_vcpu_fd(const struct guest *g, int vcpu)
{
	return g->vcpus[vcpu].fd;
}

void guest_destroy(struct guest *g)
{
	uint32_t i;

	if (!g)
		return;
	for (i = 0; i < GUEST_MAX_VCPUS; i++) {
		if (g->vcpus[i].run)
			munmap(g->vcpus[i].run, g->run_size);
		if (g->vcpus[i].fd > 0)
			close(g->vcpus[i].fd);
	}
	if (g->mem)
		munmap(g->mem, g->mem_size);
	if (g->vm_fd >= 0)
		close(g->vm_fd);
	if (g->kvm_fd >= 0)
		close(g->kvm_fd);
	free(g);
}
