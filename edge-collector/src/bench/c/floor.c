// The floor for the collector benchmark: a C libbpf consumer of the SAME BPF object the Java collector loads,
// configured the same way (openat traced, own pid excluded), draining the ring with ring_buffer__poll and doing
// nothing with the records but count them. Runs until SIGINT/SIGTERM; prints records, kernel seen/sent/dropped and
// its own CPU seconds.
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <linux/types.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "collector.h"

static volatile sig_atomic_t stop;
static unsigned long long records;

static void on_sig(int s) { (void)s; stop = 1; }

static int on_rec(void *ctx, void *data, size_t len) {
  (void)ctx; (void)data; (void)len;
  records++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: floor collector.bpf.o\n");
    return 2;
  }
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (!obj) { perror("open"); return 1; }
  struct bpf_map *m, *rodata = NULL;
  bpf_object__for_each_map(m, obj) {
    const char *n = bpf_map__name(m);
    if (strstr(n, ".rodata")) rodata = m;
  }
  size_t sz;
  struct config *cfg = (struct config *)bpf_map__initial_value(rodata, &sz);
  cfg->self_tgid = getpid();
  cfg->wakeup_bytes = 256 * 1024;
  cfg->args_max = 4096;
  cfg->sched_mask = 7;
  struct sc_desc openat = {1, KIND_PLAIN, 1 << 1, FD_RET, 0, 0, 0, 0};
  cfg->descs[257] = openat;
  bpf_map__set_max_entries(bpf_object__find_map_by_name(obj, "events"), 16 << 20);
  if (bpf_object__load(obj)) { fprintf(stderr, "load failed\n"); return 1; }
  int stages = bpf_map__fd(bpf_object__find_map_by_name(obj, "stages"));
  const char *names[] = {"exit_strs", "exit_addr"};
  for (__u32 i = 0; i < 2; i++) {
    int pfd = bpf_program__fd(bpf_object__find_program_by_name(obj, names[i]));
    bpf_map_update_elem(stages, &i, &pfd, 0);
  }
  struct bpf_link *l[5];
  l[0] = bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "sys_enter"), "syscalls", "sys_enter_openat");
  l[1] = bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "sys_exit"), "syscalls", "sys_exit_openat");
  l[2] = bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "sched_exec"), "sched", "sched_process_exec");
  l[3] = bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "sched_fork"), "sched", "sched_process_fork");
  l[4] = bpf_program__attach_tracepoint(bpf_object__find_program_by_name(obj, "sched_exit"), "sched", "sched_process_exit");
  for (int i = 0; i < 5; i++) if (!l[i]) { fprintf(stderr, "attach %d failed\n", i); return 1; }
  struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "events")), on_rec, NULL, NULL);
  signal(SIGINT, on_sig);
  signal(SIGTERM, on_sig);
  fprintf(stderr, "floor: attached\n");
  // records sent with BPF_RB_NO_WAKEUP do not wake epoll: consume after every poll timeout too, as the Java
  // reader does, or they wait for the next forced wakeup
  while (!stop) {
    ring_buffer__poll(rb, 5);
    ring_buffer__consume(rb);
  }
  ring_buffer__consume(rb);
  int ncpu = libbpf_num_possible_cpus();
  struct stats st[ncpu];
  __u32 zero = 0;
  unsigned long long seen = 0, sent = 0, dropped = 0;
  if (bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "stats_map")), &zero, st) == 0)
    for (int c = 0; c < ncpu; c++) { seen += st[c].seen; sent += st[c].sent; dropped += st[c].dropped; }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  printf("records=%llu seen=%llu sent=%llu dropped=%llu cpu_s=%.3f\n", records, seen, sent, dropped, cpu);
  ring_buffer__free(rb);
  for (int i = 0; i < 5; i++) bpf_link__destroy(l[i]);
  bpf_object__close(obj);
  return 0;
}
