/* Record layout shared by collector.bpf.c and the Java decoder (dev.eyrie.collector.bpf.RecordLayout) and the
 * C floor consumer under src/bench/c. Little endian, naturally aligned. Change both sides together. */
#ifndef EYRIE_COLLECTOR_H
#define EYRIE_COLLECTOR_H

#define MAX_SYSCALLS 512
#define MAX_STR 4096
#define SCRATCH_HALF 16384
#define SCRATCH_SIZE (SCRATCH_HALF + MAX_STR + 512)

/* hdr.nr values above the syscall range: scheduler events */
#define EV_EXEC 1000
#define EV_FORK 1001
#define EV_EXIT 1002

/* ev_hdr.flags of EV_EXEC records */
#define EXEC_EXE_UPPER 1  /* the new executable lives in an overlayfs upper layer */

/* sc_desc.kind: low nibble the kind, bits 4-6 the arg index + 1 of an I/O data buffer (read/write/recvfrom/sendto)
 * whose first min(return value, snaplen) bytes are copied (evt.buffer) */
#define KIND_MASK 0x0f
#define DATA_SHIFT 4
#define KIND_PLAIN 0
#define KIND_EXEC 1  /* execve/execveat: success is emitted from sched_process_exec, failure at sys_exit */
#define KIND_FORK 2  /* clone/fork/vfork/clone3: emitted from sched_process_fork; exit only clears pending */

/* fd selectors in sc_desc (file_fd, sock_fd): 0 none, 1..6 = syscall arg index + 1, 7 = return value */
#define FD_RET 7

/* per-syscall capture recipe, filled by userspace into .rodata before load */
struct sc_desc {
	__u8 enabled;
	__u8 kind;
	__u8 str_mask;   /* bit i: arg i is a user string copied at exit */
	__u8 file_fd;    /* fd whose struct file (ino/dev/flags/mode) is recorded */
	__u8 sock_fd;    /* fd whose socket endpoints are recorded */
	__u8 uaddr;      /* arg index + 1 of a user struct sockaddr * (connect/sendto/recvfrom/accept) */
	__u8 uaddr_len;  /* arg index + 1 of its length; | 0x80 when the arg is a pointer to the length */
	__u8 msghdr;     /* arg index + 1 of a user struct user_msghdr * (sendmsg/recvmsg) */
};

struct config {
	__u32 self_tgid;
	__u32 wakeup_bytes;
	__u32 args_max;  /* bytes of argv copied at exec (power of two, <= MAX_STR) */
	__u32 env_max;   /* bytes of environment copied at exec (0 = none; power of two, <= MAX_STR) */
	__u32 sched_mask; /* bit0 fork, bit1 exit, bit2 exec */
	__u32 snaplen;   /* bytes of I/O data copied for evt.buffer (0 = none; < MAX_STR) */
	struct sc_desc descs[MAX_SYSCALLS];
};

struct ev_hdr {          /* 112 bytes */
	__u64 ts;            /* CLOCK_BOOTTIME ns */
	__s64 res;
	__u32 pid;           /* tgid */
	__u32 tid;
	__u32 ppid;
	__u32 uid;           /* effective */
	__u32 gid;           /* effective */
	__u16 nr;            /* syscall number or EV_* */
	__u16 len;           /* whole record */
	__u16 cpu;
	__u16 flags;         /* EV_FORK: the clone-family syscall nr; EV_EXEC: EXEC_* bits */
	__u32 pad;
	char comm[16];
	__u64 args[6];       /* raw syscall arguments from sys_enter */
};

struct file_info {       /* 24 bytes; all zero when the fd did not resolve */
	__u64 ino;
	__u32 dev;           /* kernel-internal dev_t of the superblock */
	__u32 f_flags;
	__u32 i_mode;
	__u32 present;
};

struct sock_info {       /* 48 bytes */
	__u16 family;
	__u16 type;
	__u16 proto;
	__u16 lport;
	__u16 rport;
	__u16 present;
	__u32 pad;
	__u8 laddr[16];
	__u8 raddr[16];
};

struct proc_info {       /* 88 bytes: exec and fork payloads */
	__u64 cap_inh;
	__u64 cap_prm;
	__u64 cap_eff;
	__u64 start_ns;      /* CLOCK_BOOTTIME ns */
	__u64 exe_ino;
	__u64 clone_flags;
	__u32 loginuid;
	__u32 tty;
	__u32 vpid;
	__u32 vtid;
	__u32 pgid;          /* in the process' own pid namespace */
	__u32 sid;
	__u32 exe_mode;
	__u32 exe_uid;
	__u32 exe_nlink;
	__u32 exe_dev;
};

struct exit_info {       /* 8 bytes */
	__u32 exit_code;
	__u32 reaper;
};

struct stats {
	__u64 seen;
	__u64 sent;
	__u64 dropped;
};

/* Variable part after the fixed payloads: blobs, each a __u16 length followed by that many bytes (no NUL).
 * Syscalls: file_info if file_fd, sock_info if sock_fd, then one blob per set bit of str_mask (ascending),
 * then one blob of raw sockaddr if uaddr or msghdr (openat2: struct open_how), then one blob of I/O data if the
 * descriptor names a data arg and snaplen > 0.
 * EV_EXEC: proc_info, blobs filename, argv area, env area, cgroup leaf, cgroup parent.
 * EV_FORK: proc_info (no blobs). EV_EXIT: exit_info. */

#endif
