// SPDX-License-Identifier: GPL-2.0
/* Eyrie edge collector: syscall and scheduler tracepoints -> one BPF ring buffer.
 *
 * One generic sys_enter program stashes the raw arguments per thread; one generic sys_exit program turns them into
 * a record following the per-syscall recipe userspace wrote into .rodata (struct config). Userspace attaches both
 * programs to syscalls/sys_enter_X and sys_exit_X of the selected syscalls only, so unrelated syscalls pay nothing.
 * The recipe table doubles as the in-kernel filter: a syscall whose descriptor is not enabled is ignored. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "collector.h"

char LICENSE[] SEC("license") = "GPL";

const volatile struct config cfg = {};

struct pending {
	__u64 args[6];
	__u32 nr;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024);
} events SEC(".maps");

/* LRU: a thread that dies inside a traced syscall never reaches sys_exit; its entry must not pin the map */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 32768);
	__type(key, __u32);
	__type(value, struct pending);
} pending SEC(".maps");

/* sys_exit continues in these programs (0: strings, 1: socket address / open_how, 2: I/O data) so each stays small for the verifier;
 * userspace fills the array after load */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u32);
} stages SEC(".maps");

/* record length so far, carried across tail calls at the end of the scratch buffer */
#define OFF_SLOT (SCRATCH_SIZE - 8)

struct scratch {
	__u8 buf[SCRATCH_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stats);
} stats_map SEC(".maps");

struct sys_enter_ctx {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

struct sys_exit_ctx {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__s64 ret;
};

struct sched_exec_ctx {
	__u64 common;
	__u32 filename_loc;
	__s32 pid;
	__s32 old_pid;
};

struct sched_fork_ctx {
	__u64 common;
	__u32 parent_comm_loc;
	__s32 parent_pid;
	__u32 child_comm_loc;
	__s32 child_pid;
};

#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SCRATCH_MASK (SCRATCH_HALF - 1)
/* the asm barrier stops clang from dropping a mask it can prove redundant, which the verifier still needs */
#define BOUND(v, mask) ({ __u64 __b = (v); asm volatile("" : "+r"(__b)); __b & (mask); })

static __always_inline struct stats *stats(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&stats_map, &zero);
}

static __always_inline __u8 *scratch(void)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &zero);
	return s ? s->buf : 0;
}

static __always_inline void fill_hdr(struct ev_hdr *h, struct task_struct *t, __u64 pid_tgid, __u16 nr, __s64 res)
{
	h->ts = bpf_ktime_get_boot_ns();
	h->res = res;
	h->pid = pid_tgid >> 32;
	h->tid = (__u32)pid_tgid;
	h->ppid = BPF_CORE_READ(t, real_parent, tgid);
	const struct cred *c = BPF_CORE_READ(t, cred);
	h->uid = BPF_CORE_READ(c, euid.val);
	h->gid = BPF_CORE_READ(c, egid.val);
	h->nr = nr;
	h->cpu = bpf_get_smp_processor_id();
	h->flags = 0;
	h->pad = 0;
	bpf_get_current_comm(h->comm, sizeof(h->comm));
}

static __always_inline void submit(__u8 *buf, __u32 len)
{
	struct stats *st = stats();
	if (len > SCRATCH_MASK)
		return;
	((struct ev_hdr *)buf)->len = len;
	/* batch wakeups: only the record that pushes the backlog over the threshold wakes the reader; the reader
	 * also drains on a timer, so records below the threshold are never stranded */
	__u64 avail = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
	__u64 flag = (avail < cfg.wakeup_bytes && avail + len >= cfg.wakeup_bytes) ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	long err = bpf_ringbuf_output(&events, buf, len & SCRATCH_MASK, flag);
	if (st) {
		if (err)
			__sync_fetch_and_add(&st->dropped, 1);
		else
			__sync_fetch_and_add(&st->sent, 1);
	}
}

static __always_inline void count_seen(void)
{
	struct stats *st = stats();
	if (st)
		__sync_fetch_and_add(&st->seen, 1);
}

static __always_inline struct file *fd_file(struct task_struct *t, long fd)
{
	if (fd < 0)
		return 0;
	struct files_struct *files = BPF_CORE_READ(t, files);
	if (!files)
		return 0;
	struct fdtable *fdt = BPF_CORE_READ(files, fdt);
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	if (fd >= max)
		return 0;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = 0;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline void read_file_info(struct file *f, struct file_info *fi)
{
	__builtin_memset(fi, 0, sizeof(*fi));
	if (!f)
		return;
	struct inode *ino = BPF_CORE_READ(f, f_inode);
	fi->ino = BPF_CORE_READ(ino, i_ino);
	fi->dev = BPF_CORE_READ(ino, i_sb, s_dev);
	fi->f_flags = BPF_CORE_READ(f, f_flags);
	fi->i_mode = BPF_CORE_READ(ino, i_mode);
	fi->present = 1;
}

static __always_inline void read_sock_info(struct file *f, struct sock_info *si)
{
	__builtin_memset(si, 0, sizeof(*si));
	if (!f)
		return;
	umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & S_IFMT) != S_IFSOCK)
		return;
	struct socket *sock = BPF_CORE_READ(f, private_data);
	struct sock *sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return;
	si->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	si->type = BPF_CORE_READ(sk, sk_type);
	si->proto = BPF_CORE_READ(sk, sk_protocol);
	si->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
	si->rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
	si->present = 1;
	if (si->family == AF_INET) {
		__u32 l = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u32 r = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memcpy(si->laddr, &l, 4);
		__builtin_memcpy(si->raddr, &r, 4);
	} else if (si->family == AF_INET6) {
		BPF_CORE_READ_INTO(&si->laddr, sk, __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&si->raddr, sk, __sk_common.skc_v6_daddr.in6_u.u6_addr8);
	}
}

/* blob at buf[off]: u16 length + bytes of a user string; returns the new offset */
static __always_inline __u32 put_user_str(__u8 *buf, __u32 off, const void *src)
{
	if (off > SCRATCH_HALF - MAX_STR - 8)
		return off;
	long n = 0;
	if (src)
		n = bpf_probe_read_user_str(&buf[(off + 2) & SCRATCH_MASK], MAX_STR, src);
	if (n > 0)
		n -= 1;  /* drop the NUL */
	else
		n = 0;
	buf[off & SCRATCH_MASK] = n & 0xff;
	buf[(off + 1) & SCRATCH_MASK] = (n >> 8) & 0xff;
	return BOUND(off + 2 + (n & (MAX_STR - 1)), SCRATCH_MASK);
}

static __always_inline __u32 put_kernel_str(__u8 *buf, __u32 off, const void *src)
{
	if (off > SCRATCH_HALF - MAX_STR - 8)
		return off;
	long n = 0;
	if (src)
		n = bpf_probe_read_kernel_str(&buf[(off + 2) & SCRATCH_MASK], 256, src);
	if (n > 0)
		n -= 1;
	else
		n = 0;
	buf[off & SCRATCH_MASK] = n & 0xff;
	buf[(off + 1) & SCRATCH_MASK] = (n >> 8) & 0xff;
	return BOUND(off + 2 + (n & 255), SCRATCH_MASK);
}

/* raw user memory area (argv / environment: NUL-separated strings) */
static __always_inline __u32 put_user_area(__u8 *buf, __u32 off, unsigned long start, unsigned long end, __u32 max)
{
	if (off > SCRATCH_HALF - MAX_STR - 8)
		return off;
	__u64 n = end > start ? end - start : 0;
	if (n > max)
		n = max;
	n = BOUND(n, MAX_STR - 1);
	if (n > 0 && bpf_probe_read_user(&buf[(off + 2) & SCRATCH_MASK], n, (const void *)start) != 0)
		n = 0;
	buf[off & SCRATCH_MASK] = n & 0xff;
	buf[(off + 1) & SCRATCH_MASK] = (n >> 8) & 0xff;
	return BOUND(off + 2 + n, SCRATCH_MASK);
}

static __always_inline __u32 put_user_bytes(__u8 *buf, __u32 off, const void *src, __u32 len)
{
	if (off > SCRATCH_HALF - MAX_STR - 8)
		return off;
	__u64 n = len > 128 ? 128 : len;
	n = BOUND(n, 255);
	if (!src || bpf_probe_read_user(&buf[(off + 2) & SCRATCH_MASK], n, src) != 0)
		n = 0;
	buf[off & SCRATCH_MASK] = n & 0xff;
	buf[(off + 1) & SCRATCH_MASK] = 0;
	return BOUND(off + 2 + (n & 255), SCRATCH_MASK);
}

static __always_inline __u32 pid_in_ns(struct pid *p)
{
	if (!p)
		return 0;
	unsigned int level = BPF_CORE_READ(p, level);
	struct upid u = {};
	bpf_probe_read_kernel(&u, sizeof(u), &p->numbers[level & 31]);
	return u.nr;
}

static __always_inline void fill_proc_info(struct task_struct *t, struct proc_info *pi)
{
	const struct cred *c = BPF_CORE_READ(t, cred);
	/* kernel_cap_t is a u64 on 6.3+ and u32[2] before: both read as one little-endian u64 */
	bpf_probe_read_kernel(&pi->cap_inh, 8, &c->cap_inheritable);
	bpf_probe_read_kernel(&pi->cap_prm, 8, &c->cap_permitted);
	bpf_probe_read_kernel(&pi->cap_eff, 8, &c->cap_effective);
	pi->start_ns = BPF_CORE_READ(t, start_boottime);
	pi->loginuid = BPF_CORE_READ(t, loginuid.val);
	struct signal_struct *sig = BPF_CORE_READ(t, signal);
	struct tty_struct *tty = BPF_CORE_READ(sig, tty);
	pi->tty = 0;
	if (tty) {
		__u32 major = BPF_CORE_READ(tty, driver, major);
		__u32 minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);
		pi->tty = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
	}
	pi->vtid = pid_in_ns(BPF_CORE_READ(t, thread_pid));
	pi->vpid = pid_in_ns(BPF_CORE_READ(t, group_leader, thread_pid));
	struct pid *pg = 0, *sd = 0;
	bpf_probe_read_kernel(&pg, sizeof(pg), &sig->pids[2]);
	bpf_probe_read_kernel(&sd, sizeof(sd), &sig->pids[3]);
	pi->pgid = pid_in_ns(pg);
	pi->sid = pid_in_ns(sd);
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	pi->exe_ino = 0;
	pi->exe_mode = 0;
	pi->exe_uid = 0;
	pi->exe_nlink = 0;
	pi->exe_dev = 0;
	if (exe) {
		struct inode *ino = BPF_CORE_READ(exe, f_inode);
		pi->exe_ino = BPF_CORE_READ(ino, i_ino);
		pi->exe_mode = BPF_CORE_READ(ino, i_mode);
		pi->exe_uid = BPF_CORE_READ(ino, i_uid.val);
		pi->exe_nlink = BPF_CORE_READ(ino, __i_nlink);
		pi->exe_dev = BPF_CORE_READ(ino, i_sb, s_dev);
	}
	pi->clone_flags = 0;
}

/* Our own view of overlayfs' inode (fs/overlayfs/ovl_entry.h): a CO-RE flavor, so the build does not need
 * overlay's types in vmlinux.h and libbpf relocates against vmlinux or the overlay module's BTF, whichever has it */
struct ovl_inode___eyrie {
	struct inode vfs_inode;
	struct dentry *__upperdentry;
} __attribute__((preserve_access_index));

#define OVERLAYFS_SUPER_MAGIC 0x794c7630

/* proc.is_exe_upper_layer: the executable is an overlayfs inode that has an upper (writable-layer) dentry, i.e. it
 * was created or copied up (modified) inside the container rather than shipped in an image layer */
static __always_inline int exe_upper_layer(struct task_struct *t)
{
	if (!bpf_core_type_exists(struct ovl_inode___eyrie))
		return 0;
	struct inode *ino = BPF_CORE_READ(t, mm, exe_file, f_inode);
	if (!ino || BPF_CORE_READ(ino, i_sb, s_magic) != OVERLAYFS_SUPER_MAGIC)
		return 0;
	struct ovl_inode___eyrie *oi = (void *)ino - bpf_core_field_offset(struct ovl_inode___eyrie, vfs_inode);
	return BPF_CORE_READ(oi, __upperdentry) != 0;
}

/* selector: arg index + 1 (1..6); a switch keeps the verifier off variable-offset stack reads */
static __always_inline __u64 arg_sel(const struct pending *p, __u32 sel)
{
	switch (sel) {
	case 1: return p->args[0];
	case 2: return p->args[1];
	case 3: return p->args[2];
	case 4: return p->args[3];
	case 5: return p->args[4];
	case 6: return p->args[5];
	default: return 0;
	}
}

static __always_inline int has_data(struct sc_desc d)
{
	return (d.kind >> DATA_SHIFT) != 0 && cfg.snaplen != 0;
}

static __always_inline int traced(__u64 pid_tgid)
{
	return (pid_tgid >> 32) != cfg.self_tgid;
}

SEC("tracepoint")
int sys_enter(struct sys_enter_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid))
		return 0;
	__s32 nr = ctx->nr;
	if (nr < 0 || nr >= MAX_SYSCALLS || !cfg.descs[nr].enabled)
		return 0;
	struct pending p = {};
	/* not a direct ctx read: the kernel refuses to attach a program whose ctx accesses reach past the record of
	 * the syscall with the fewest arguments; unused trailing args are simply never looked at */
	bpf_probe_read_kernel(p.args, sizeof(p.args), ctx->args);
	p.nr = nr;
	__u32 tid = (__u32)pid_tgid;
	bpf_map_update_elem(&pending, &tid, &p, BPF_ANY);
	return 0;
}

SEC("tracepoint")
int sys_exit(struct sys_exit_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid))
		return 0;
	/* read the context once: the verifier rejects ctx accesses through a pointer the compiler offset */
	__s32 nr = ctx->nr;
	__s64 ret = ctx->ret;
	barrier_var(ret);
	if (nr < 0 || nr >= MAX_SYSCALLS)
		return 0;
	struct sc_desc d = cfg.descs[nr];
	if (!d.enabled)
		return 0;
	__u32 tid = (__u32)pid_tgid;
	struct pending *pp = bpf_map_lookup_elem(&pending, &tid);
	if (!pp)
		return 0;
	struct pending p = *pp;
	bpf_map_delete_elem(&pending, &tid);
	__u8 kind = d.kind & KIND_MASK;
	if (kind == KIND_FORK || (kind == KIND_EXEC && ret >= 0))
		return 0;
	count_seen();
	__u8 *buf = scratch();
	if (!buf)
		return 0;
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct ev_hdr *h = (struct ev_hdr *)buf;
	fill_hdr(h, t, pid_tgid, nr, ret);
	__builtin_memcpy(h->args, p.args, sizeof(p.args));
	__u32 off = sizeof(struct ev_hdr);

	if (d.file_fd) {
		long fd = d.file_fd == FD_RET ? ret : (long)arg_sel(&p, d.file_fd);
		struct file_info *fi = (struct file_info *)&buf[off];
		read_file_info(fd_file(t, fd), fi);
		off += sizeof(struct file_info);
	}
	if (d.sock_fd) {
		long fd = d.sock_fd == FD_RET ? ret : (long)arg_sel(&p, d.sock_fd);
		struct sock_info *si = (struct sock_info *)&buf[off];
		read_sock_info(fd_file(t, fd), si);
		off += sizeof(struct sock_info);
	}
	*(__u32 *)&buf[OFF_SLOT] = off;
	if (d.str_mask)
		bpf_tail_call(ctx, &stages, 0);
	else if (d.uaddr || d.msghdr)
		bpf_tail_call(ctx, &stages, 1);
	else if (has_data(d))
		bpf_tail_call(ctx, &stages, 2);
	submit(buf, off);
	return 0;
}

static __always_inline __u64 hdr_arg(const struct ev_hdr *h, __u32 sel)
{
	switch (sel) {
	case 1: return h->args[0];
	case 2: return h->args[1];
	case 3: return h->args[2];
	case 4: return h->args[3];
	case 5: return h->args[4];
	case 6: return h->args[5];
	default: return 0;
	}
}

/* Where a tail-call stage resumes: the scratch record, its header, the syscall's recipe and the write offset the
 * previous stage left in OFF_SLOT. */
struct stage {
	__u8 *buf;
	struct ev_hdr *h;
	struct sc_desc d;
	__u32 off;
};

static __always_inline bool stage_enter(struct stage *st)
{
	st->buf = scratch();
	if (!st->buf)
		return false;
	st->h = (struct ev_hdr *)st->buf;
	st->d = cfg.descs[st->h->nr & (MAX_SYSCALLS - 1)];
	st->off = BOUND(*(__u32 *)&st->buf[OFF_SLOT], SCRATCH_MASK);
	return true;
}

SEC("tracepoint")
int exit_strs(void *ctx)
{
	struct stage st;
	if (!stage_enter(&st))
		return 0;
	__u8 *buf = st.buf;
	struct ev_hdr *h = st.h;
	struct sc_desc d = st.d;
	__u32 off = st.off;
#pragma unroll
	for (int i = 0; i < 6; i++) {
		if (d.str_mask & (1 << i))
			off = put_user_str(buf, off, (const void *)h->args[i]);
	}
	*(__u32 *)&buf[OFF_SLOT] = off;
	if (d.uaddr || d.msghdr)
		bpf_tail_call(ctx, &stages, 1);
	else if (has_data(d))
		bpf_tail_call(ctx, &stages, 2);
	submit(buf, off);
	return 0;
}

SEC("tracepoint")
int exit_addr(void *ctx)
{
	struct stage st;
	if (!stage_enter(&st))
		return 0;
	__u8 *buf = st.buf;
	struct ev_hdr *h = st.h;
	struct sc_desc d = st.d;
	__u32 off = st.off;
	if (d.uaddr) {
		const void *addr = (const void *)hdr_arg(h, d.uaddr);
		__u32 alen = 0;
		if (d.uaddr_len & 0x80) {
			const void *lp = (const void *)hdr_arg(h, d.uaddr_len & 0x7f);
			if (lp)
				bpf_probe_read_user(&alen, sizeof(alen), lp);
		} else if (d.uaddr_len) {
			alen = (__u32)hdr_arg(h, d.uaddr_len);
		}
		off = put_user_bytes(buf, off, addr, alen);
	} else if (d.msghdr) {
		struct user_msghdr mh = {};
		const void *mp = (const void *)hdr_arg(h, d.msghdr);
		if (mp)
			bpf_probe_read_user(&mh, sizeof(mh), mp);
		off = put_user_bytes(buf, off, mh.msg_name, mh.msg_namelen);
	}
	*(__u32 *)&buf[OFF_SLOT] = off;
	if (has_data(d))
		bpf_tail_call(ctx, &stages, 2);
	submit(buf, off);
	return 0;
}

/* evt.buffer: the first min(bytes transferred, snaplen) bytes of the data argument; nothing on failure */
SEC("tracepoint")
int exit_data(void *ctx)
{
	struct stage st;
	if (!stage_enter(&st))
		return 0;
	__u8 *buf = st.buf;
	struct ev_hdr *h = st.h;
	struct sc_desc d = st.d;
	__u32 off = st.off;
	if (off > SCRATCH_HALF - MAX_STR - 8) {
		submit(buf, off); /* no room left for the data: the event still goes out, without evt.buffer */
		return 0;
	}
	const void *src = (const void *)hdr_arg(h, (d.kind >> DATA_SHIFT) & 7);
	__s64 res = h->res;
	__u64 n = res > 0 ? (__u64)res : 0;
	if (n > cfg.snaplen)
		n = cfg.snaplen;
	n = BOUND(n, MAX_STR - 1);
	if (n > 0 && (!src || bpf_probe_read_user(&buf[(off + 2) & SCRATCH_MASK], n, src) != 0))
		n = 0;
	buf[off & SCRATCH_MASK] = n & 0xff;
	buf[(off + 1) & SCRATCH_MASK] = (n >> 8) & 0xff;
	submit(buf, BOUND(off + 2 + n, SCRATCH_MASK));
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int sched_exec(struct sched_exec_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid) || !(cfg.sched_mask & 4))
		return 0;
	__u32 old = ctx->old_pid;
	__u32 nr = 59; /* execve on x86_64 when the syscall entered before we attached */
	__u64 args[6] = {};
	struct pending *pp = bpf_map_lookup_elem(&pending, &old);
	if (pp) {
		nr = pp->nr;
		__builtin_memcpy(args, pp->args, sizeof(args));
		bpf_map_delete_elem(&pending, &old);
	}
	count_seen();
	__u8 *buf = scratch();
	if (!buf)
		return 0;
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct ev_hdr *h = (struct ev_hdr *)buf;
	fill_hdr(h, t, pid_tgid, EV_EXEC, 0);
	h->pad = nr;
	h->flags = exe_upper_layer(t) ? EXEC_EXE_UPPER : 0;
	__builtin_memcpy(h->args, args, sizeof(args));
	__u32 off = sizeof(struct ev_hdr);
	struct proc_info *pi = (struct proc_info *)&buf[off];
	fill_proc_info(t, pi);
	off += sizeof(struct proc_info);

	/* filename: __data_loc = (len << 16) | offset within the tracepoint record */
	__u32 floc = ctx->filename_loc & 0xFFFF;
	if (off <= SCRATCH_HALF - MAX_STR - 8) {
		long n = bpf_probe_read_kernel_str(&buf[(off + 2) & SCRATCH_MASK], MAX_STR, (void *)ctx + floc);
		n = n > 0 ? n - 1 : 0;
		buf[off & SCRATCH_MASK] = n & 0xff;
		buf[(off + 1) & SCRATCH_MASK] = (n >> 8) & 0xff;
		off += 2 + (n & (MAX_STR - 1));
	}
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	off = put_user_area(buf, off, BPF_CORE_READ(mm, arg_start), BPF_CORE_READ(mm, arg_end), cfg.args_max);
	if (cfg.env_max)
		off = put_user_area(buf, off, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end), cfg.env_max);
	else
		off = put_user_area(buf, off, 0, 0, 0);
	struct kernfs_node *kn = BPF_CORE_READ(t, cgroups, dfl_cgrp, kn);
	off = put_kernel_str(buf, off, BPF_CORE_READ(kn, name));
	off = put_kernel_str(buf, off, BPF_CORE_READ(kn, __parent, name));
	submit(buf, off);
	return 0;
}

SEC("tracepoint/sched/sched_process_fork")
int sched_fork(struct sched_fork_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid) || !(cfg.sched_mask & 1))
		return 0;
	__u32 tid = (__u32)pid_tgid;
	struct pending *pp = bpf_map_lookup_elem(&pending, &tid);
	if (!pp)
		return 0; /* kernel-internal clone (kernel threads, usermode helpers) or a syscall we do not trace */
	__u32 nr = pp->nr;
	__u64 args[6];
	__builtin_memcpy(args, pp->args, sizeof(args));
	__u64 flags = 0;
	if (nr == 435) { /* clone3: flags live in the user struct clone_args */
		if (args[0])
			bpf_probe_read_user(&flags, sizeof(flags), (const void *)args[0]);
	} else if (nr == 56) {
		flags = args[0];
	} else if (nr == 58) {
		flags = 0x4111; /* vfork: CLONE_VM | CLONE_VFORK | SIGCHLD */
	} else {
		flags = 17; /* fork: SIGCHLD */
	}
	count_seen();
	__u8 *buf = scratch();
	if (!buf)
		return 0;
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct ev_hdr *h = (struct ev_hdr *)buf;
	__u32 child = ctx->child_pid;
	__u32 parent_tgid = pid_tgid >> 32;
	__u32 child_tgid = (flags & CLONE_THREAD) ? parent_tgid : child;
	fill_hdr(h, t, ((__u64)child_tgid << 32) | child, EV_FORK, 0);
	if (!(flags & (CLONE_THREAD | CLONE_PARENT)))
		h->ppid = parent_tgid;
	h->pad = parent_tgid;
	h->flags = nr;
	__builtin_memcpy(h->args, args, sizeof(args));
	__u32 off = sizeof(struct ev_hdr);
	struct proc_info *pi = (struct proc_info *)&buf[off];
	fill_proc_info(t, pi);
	pi->clone_flags = flags;
	/* the child's own ids are not reachable from this tracepoint; in the initial namespace they equal the global ones */
	pi->vtid = pi->vtid == tid ? child : 0;
	pi->vpid = pi->vpid == parent_tgid ? child_tgid : 0;
	pi->start_ns = bpf_ktime_get_boot_ns();
	off += sizeof(struct proc_info);
	submit(buf, off);
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int sched_exit(void *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (!traced(pid_tgid) || !(cfg.sched_mask & 2))
		return 0;
	/* one record per process, not per thread: the table only tracks thread groups */
	if ((pid_tgid >> 32) != (__u32)pid_tgid)
		return 0;
	count_seen();
	__u8 *buf = scratch();
	if (!buf)
		return 0;
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct ev_hdr *h = (struct ev_hdr *)buf;
	fill_hdr(h, t, pid_tgid, EV_EXIT, 0);
	__builtin_memset(h->args, 0, sizeof(h->args));
	__u32 off = sizeof(struct ev_hdr);
	struct exit_info *ei = (struct exit_info *)&buf[off];
	ei->exit_code = BPF_CORE_READ(t, exit_code);
	ei->reaper = 0;
	off += sizeof(struct exit_info);
	submit(buf, off);
	return 0;
}
