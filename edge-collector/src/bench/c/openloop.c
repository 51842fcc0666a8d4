// Syscall-heavy load for the collector benchmark: open+close of one file, N times, optionally paced to a target
// rate of opens per second. Prints wall and CPU ns per iteration.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: openloop FILE ITERATIONS [RATE_PER_S]\n");
    return 2;
  }
  const char *path = argv[1];
  long n = atol(argv[2]);
  double rate = argc > 3 ? atof(argv[3]) : 0;
  double t0 = now();
  for (long i = 0; i < n; i++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
      perror("open");
      return 1;
    }
    close(fd);
    if (rate > 0 && (i & 255) == 255) {
      double ahead = (i + 1) / rate - (now() - t0);
      if (ahead > 0) {
        struct timespec s = {(time_t)ahead, (long)((ahead - (time_t)ahead) * 1e9)};
        nanosleep(&s, NULL);
      }
    }
  }
  double el = now() - t0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  // CPU time per iteration is the slowdown measure on a shared machine: BPF programs run in this process' context
  printf("iterations=%ld wall_ns_per_iter=%.1f cpu_ns_per_iter=%.1f elapsed_s=%.3f\n", n, el * 1e9 / n,
         cpu * 1e9 / n, el);
  return 0;
}
