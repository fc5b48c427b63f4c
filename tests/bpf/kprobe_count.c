// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe_count: attach kprobe_count.bpf.o, run a command, print how many
 * shadow-MMU page faults KVM handled meanwhile.  Exits 0 only when the
 * command succeeded and the kprobe fired.
 *
 * Usage: kprobe_count CMD [ARGS...]
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kprobe_count.skel.h"

int main(int argc, char **argv)
{
	struct kprobe_count_bpf *skel;
	int status, err = 1;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: kprobe_count CMD [ARGS...]\n");
		return 2;
	}
	skel = kprobe_count_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "error: cannot load kprobe_count.bpf.o\n");
		return 1;
	}
	if (kprobe_count_bpf__attach(skel)) {
		fprintf(stderr, "error: cannot attach the kprobe on kvm_mmu_page_fault\n");
		goto out;
	}
	pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		perror("fork");
		goto out;
	}
	printf("kvm_mmu_page_fault calls: %llu\n",
	       (unsigned long long)skel->bss->nr_faults);
	err = !(WIFEXITED(status) && WEXITSTATUS(status) == 0 && skel->bss->nr_faults);
out:
	kprobe_count_bpf__destroy(skel);
	return err;
}
