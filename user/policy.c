// SPDX-License-Identifier: GPL-2.0
/* Loading and attaching kvm_mmu_evict_ops policies (see policy.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "policy.h"

#define OPS_TYPE	"kvm_mmu_evict_ops"
#define LOG_KEEP	(64 * 1024)

const char *const kvmevict_counter_names[KVMEVICT_NR_COUNTERS] = {
#define KVMEVICT_COUNTER_NAME(id, name) [KVMEVICT_##id] = name,
	KVMEVICT_COUNTER_LIST(KVMEVICT_COUNTER_NAME)
#undef KVMEVICT_COUNTER_NAME
};

/* libbpf's messages, the verifier log among them, kept for error reports. */
static char libbpf_log[LOG_KEEP];
static size_t libbpf_log_len;
static bool libbpf_verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[4096];
	int n;

	if (level == LIBBPF_DEBUG && !libbpf_verbose)
		return 0;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return 0;
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (libbpf_verbose)
		fputs(line, stderr);
	if (libbpf_log_len + n >= LOG_KEEP) {	/* keep the newest half */
		memmove(libbpf_log, libbpf_log + LOG_KEEP / 2, LOG_KEEP / 2);
		libbpf_log_len -= LOG_KEEP / 2;
	}
	memcpy(libbpf_log + libbpf_log_len, line, n);
	libbpf_log_len += n;
	libbpf_log[libbpf_log_len] = '\0';
	return n;
}

/* The last @lines lines of what libbpf said: where the verifier gave up. */
static void print_log_tail(int lines)
{
	const char *p = libbpf_log + libbpf_log_len;

	while (p > libbpf_log && lines >= 0) {
		p--;
		if (*p == '\n')
			lines--;
	}
	if (*p == '\n')
		p++;
	if (*p)
		fprintf(stderr, "--- verifier and libbpf messages (last lines) ---\n%s"
			"---\n", p);
}

void kernel_evict_read(const char *name, char *buf, size_t len)
{
	char path[256];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), KVMEVICT_SYSFS "/%s", name);
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

bool policy_kernel_supported(void)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	bool ok;

	if (!vmlinux)
		return access(KVMEVICT_SYSFS, F_OK) == 0;
	ok = btf__find_by_name_kind(vmlinux, OPS_TYPE, BTF_KIND_STRUCT) >= 0;
	btf__free(vmlinux);
	return ok;
}

static const char *map_value_type(struct bpf_object *obj, struct bpf_map *map)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_type *t;

	if (!btf)
		return "?";
	t = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
	return t ? btf__name_by_offset(btf, t->name_off) : "?";
}

/* Find the object's one kvm_mmu_evict_ops map; refuse anything else. */
static int find_ops_map(struct policy *p, const char *path)
{
	struct bpf_map *map;
	int n = 0;

	bpf_object__for_each_map(map, p->obj) {
		const char *type;

		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		type = map_value_type(p->obj, map);
		if (strcmp(type, OPS_TYPE)) {
			fprintf(stderr, "error: %s: struct_ops map '%s' is a %s, not a %s;"
				" kvmevict loads only eviction policies\n", path,
				bpf_map__name(map), type, OPS_TYPE);
			return -EINVAL;
		}
		p->ops_map = map;
		n++;
	}
	if (n != 1) {
		fprintf(stderr, "error: %s: %s; a policy defines exactly one, as in\n"
			"       SEC(\".struct_ops.link\") struct %s my_policy = { ... };\n",
			path, n ? "more than one kvm_mmu_evict_ops map" :
			"no kvm_mmu_evict_ops map", OPS_TYPE);
		return -EINVAL;
	}
	if (!(bpf_map__map_flags(p->ops_map) & BPF_F_LINK)) {
		fprintf(stderr, "error: %s: put the %s map in SEC(\".struct_ops.link\")"
			" so that it can be detached cleanly\n", path, OPS_TYPE);
		return -EINVAL;
	}
	p->counters = bpf_object__find_map_by_name(p->obj, "counters");
	return 0;
}

/*
 * Set "NAME=VALUE" in the policy's read-only data before it is loaded: the
 * tunables are its const volatile globals (see bpf/aging.bpf.c).
 */
static int set_tunable(struct policy *p, const char *path, const char *assignment)
{
	struct bpf_map *rodata = bpf_object__find_map_by_name(p->obj, ".rodata");
	const struct btf *btf = bpf_object__btf(p->obj);
	const char *eq = strchr(assignment, '=');
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	unsigned long long value;
	size_t size, name_len;
	char *end, *data;
	int i;

	if (!eq || eq == assignment) {
		fprintf(stderr, "error: tunable '%s' is not NAME=VALUE\n", assignment);
		return -EINVAL;
	}
	errno = 0;
	value = strtoull(eq + 1, &end, 0);
	if (errno || *end || !eq[1]) {
		fprintf(stderr, "error: tunable '%s': the value must be a number\n",
			assignment);
		return -EINVAL;
	}
	name_len = eq - assignment;
	sec = rodata && btf ? btf__type_by_id(btf, bpf_map__btf_value_type_id(rodata)) : NULL;
	data = rodata ? bpf_map__initial_value(rodata, &size) : NULL;
	for (i = 0, vs = sec ? btf_var_secinfos(sec) : NULL; sec && data &&
	     i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);
		const char *name = btf__name_by_offset(btf, var->name_off);

		if (strlen(name) != name_len || strncmp(name, assignment, name_len))
			continue;
		if (vs->size == 4 && value <= UINT32_MAX) {
			uint32_t v32 = value;

			memcpy(data + vs->offset, &v32, 4);
		} else if (vs->size == 8) {
			memcpy(data + vs->offset, &value, 8);
		} else {
			fprintf(stderr, "error: tunable '%.*s' does not fit %llu\n",
				(int)name_len, assignment, value);
			return -ERANGE;
		}
		return 0;
	}
	fprintf(stderr, "error: %s has no tunable '%.*s'", path, (int)name_len, assignment);
	for (i = 0, vs = sec ? btf_var_secinfos(sec) : NULL; sec && i < btf_vlen(sec);
	     i++, vs++)
		fprintf(stderr, "%s%s", i ? ", " : " (it has: ",
			btf__name_by_offset(btf, btf__type_by_id(btf, vs->type)->name_off));
	fprintf(stderr, "%s\n", sec && btf_vlen(sec) ? ")" : " (it has none)");
	return -ENOENT;
}

static void explain_errno(const char *path, const char *what, int err)
{
	fprintf(stderr, "error: %s: cannot %s: %s\n", path, what, strerror(err));
	if (err == EPERM || err == EACCES)
		fprintf(stderr, "       loading a policy needs root (CAP_BPF, CAP_PERFMON"
			" and CAP_SYS_ADMIN)\n");
	else if (err == EBUSY || err == EEXIST)
		fprintf(stderr, "       another policy is attached: see 'kvmevict status',"
			" then 'kvmevict detach'\n");
}

/* Whether the kernel has the hook; says what to do when it does not. */
static bool require_hook(void)
{
	if (policy_kernel_supported())
		return true;
	fprintf(stderr, "error: this kernel lacks %s: boot a kernel built with"
		" kvm-evict's kernel-patch/ applied (make kernel)\n", OPS_TYPE);
	return false;
}

/* Open, check and load @path into @p, not attached; see policy_attach(). */
static int policy_load(struct policy *p, const char *path, bool verbose,
		       char *const *tunables, int nr_tunables)
{
	struct stat st;
	int err, i;

	memset(p, 0, sizeof(*p));
	p->counters_fd = -1;
	libbpf_verbose = verbose;
	libbpf_log_len = 0;
	libbpf_log[0] = '\0';
	libbpf_set_print(libbpf_print);

	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "error: %s: %s\n", path,
			errno ? strerror(errno) : "not a regular file");
		return -ENOENT;
	}
	if (!require_hook())
		return -EOPNOTSUPP;

	p->obj = bpf_object__open_file(path, NULL);
	if (!p->obj) {
		char why[128];

		err = errno;
		libbpf_strerror(err, why, sizeof(why));
		fprintf(stderr, "error: %s: not a usable BPF object: %s\n", path, why);
		p->obj = NULL;
		return -err;
	}
	err = find_ops_map(p, path);
	for (i = 0; !err && i < nr_tunables; i++)
		err = set_tunable(p, path, tunables[i]);
	if (err)
		goto fail;

	err = bpf_object__load(p->obj);
	if (err) {
		err = -err;
		/* As root, EACCES is the verifier refusing an access. */
		if ((err == EPERM || err == EACCES) && geteuid() != 0) {
			explain_errno(path, "load the policy", err);
		} else {
			fprintf(stderr, "error: %s: the kernel refused the policy (%s);"
				" the verifier says why:\n", path, strerror(err));
			print_log_tail(20);
		}
		err = -err;
		goto fail;
	}
	if (p->counters)
		p->counters_fd = bpf_map__fd(p->counters);
	return 0;
fail:
	bpf_object__close(p->obj);
	p->obj = NULL;
	return err;
}

int policy_attach(struct policy *p, const char *path, bool verbose,
		  char *const *tunables, int nr_tunables)
{
	int err = policy_load(p, path, verbose, tunables, nr_tunables);

	if (err)
		return err;
	p->link = bpf_map__attach_struct_ops(p->ops_map);
	if (!p->link) {
		err = -errno;
		explain_errno(path, "attach the policy", -err);
		policy_detach(p);
	}
	return err;
}

int policy_pin(struct policy *p)
{
	int err;

	if (mkdir(KVMEVICT_PIN_DIR, 0700) && errno != EEXIST) {
		fprintf(stderr, "error: cannot create %s: %s (is bpffs mounted at"
			" /sys/fs/bpf?)\n", KVMEVICT_PIN_DIR, strerror(errno));
		return -errno;
	}
	err = bpf_link__pin(p->link, KVMEVICT_PIN_DIR "/link");
	if (!err && p->counters)
		err = bpf_map__pin(p->counters, KVMEVICT_PIN_DIR "/counters");
	if (err) {
		fprintf(stderr, "error: cannot pin the policy under %s: %s\n",
			KVMEVICT_PIN_DIR, strerror(-err));
		return err;
	}
	return 0;
}

void policy_detach(struct policy *p)
{
	if (p->link)
		bpf_link__destroy(p->link);
	bpf_object__close(p->obj);
	memset(p, 0, sizeof(*p));
	p->counters_fd = -1;
}

int policy_swap_pinned(const char *path, bool verbose,
		       char *const *tunables, int nr_tunables)
{
	struct bpf_link *link;
	struct policy p;
	int err;

	if (!require_hook())
		return -EOPNOTSUPP;
	link = bpf_link__open(KVMEVICT_PIN_DIR "/link");
	if (!link) {
		err = -errno;
		if (err == -ENOENT)
			fprintf(stderr, "error: no pinned policy in %s to replace (attach"
				" one with 'kvmevict attach POLICY --pin')\n",
				KVMEVICT_PIN_DIR);
		else
			explain_errno(KVMEVICT_PIN_DIR "/link", "open the pinned policy",
				      -err);
		return err;
	}
	err = policy_load(&p, path, verbose, tunables, nr_tunables);
	if (err)
		goto out;
	err = bpf_link__update_map(link, p.ops_map);
	if (err) {
		explain_errno(path, "replace the pinned policy", -err);
		if (err == -EOPNOTSUPP)
			fprintf(stderr, "       this kernel cannot replace a policy in place"
				" (kernel-patch/ 0004 missing): detach, then attach\n");
		goto out;
	}
	/* The pinned counters are the old policy's: pin the new ones instead. */
	unlink(KVMEVICT_PIN_DIR "/counters");
	if (p.counters && bpf_map__pin(p.counters, KVMEVICT_PIN_DIR "/counters"))
		fprintf(stderr, "warning: the new policy's counters could not be"
			" pinned; 'kvmevict status' will not show them\n");
out:
	if (p.obj)
		policy_detach(&p);
	bpf_link__disconnect(link);	/* the pin keeps it attached */
	bpf_link__destroy(link);
	return err;
}

int policy_detach_pinned(void)
{
	int fd = bpf_obj_get(KVMEVICT_PIN_DIR "/link");
	int err = 0;

	if (fd < 0)
		return -errno;
	/* Detach now, even if some other process still holds the link. */
	if (bpf_link_detach(fd) && errno != EOPNOTSUPP)
		err = -errno;
	close(fd);
	unlink(KVMEVICT_PIN_DIR "/link");
	unlink(KVMEVICT_PIN_DIR "/counters");
	rmdir(KVMEVICT_PIN_DIR);
	return err;
}

int policy_read_counters(int counters_fd, uint64_t out[KVMEVICT_NR_COUNTERS])
{
	int ncpus = libbpf_num_possible_cpus(), i, c;
	uint64_t *vals;

	memset(out, 0, KVMEVICT_NR_COUNTERS * sizeof(uint64_t));
	if (counters_fd < 0 || ncpus <= 0)
		return -EINVAL;
	vals = calloc(ncpus, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	for (i = 0; i < KVMEVICT_NR_COUNTERS; i++) {
		uint32_t key = i;

		if (bpf_map_lookup_elem(counters_fd, &key, vals))
			continue;
		for (c = 0; c < ncpus; c++)
			out[i] += vals[c];
	}
	free(vals);
	return 0;
}
