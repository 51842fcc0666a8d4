package dev.eyrie.capture;

import java.util.HashMap;
import java.util.Map;

/** Text conventions of sysdig/libsinsp output: errno and signal names, IP addresses, path joining. */
final class Formats {
    private Formats() {}

    // Linux errno and signal numbers with the names sysdig prints for them.
    private static final String ERRNOS =
            "1:EPERM 2:ENOENT 3:ESRCH 4:EINTR 5:EIO 6:ENXIO 7:E2BIG 8:ENOEXEC 9:EBADF 10:ECHILD 11:EAGAIN 12:ENOMEM 13:EACCES 14:EFAULT 15:ENOTBLK 16:EBUSY 17:EEXIST 18:EXDEV 19:ENODEV 20:ENOTDIR 21:EISDIR 22:EINVAL 23:ENFILE 24:EMFILE 25:ENOTTY 26:ETXTBSY 27:EFBIG 28:ENOSPC 29:ESPIPE 30:EROFS 31:EMLINK 32:EPIPE 33:EDOM 34:ERANGE 35:EDEADLK 36:ENAMETOOLONG 37:ENOLCK 38:ENOSYS 39:ENOTEMPTY 40:ELOOP 42:ENOMSG 43:EIDRM 44:ECHRNG 45:EL2NSYNC 46:EL3HLT 47:EL3RST 48:ELNRNG 49:EUNATCH 50:ENOCSI 51:EL2HLT 52:EBADE 53:EBADR 54:EXFULL 55:ENOANO 56:EBADRQC 57:EBADSLT 59:EBFONT 60:ENOSTR 61:ENODATA 62:ETIME 63:ENOSR 64:ENONET 65:ENOPKG 66:EREMOTE 67:ENOLINK 68:EADV 69:ESRMNT 70:ECOMM 71:EPROTO 72:EMULTIHOP 73:EDOTDOT 74:EBADMSG 75:EOVERFLOW 76:ENOTUNIQ 77:EBADFD 78:EREMCHG 79:ELIBACC 80:ELIBBAD 81:ELIBSCN 82:ELIBMAX 83:ELIBEXEC 84:EILSEQ 85:ERESTART 86:ESTRPIPE 87:EUSERS 88:ENOTSOCK 89:EDESTADDRREQ 90:EMSGSIZE 91:EPROTOTYPE 92:ENOPROTOOPT 93:EPROTONOSUPPORT 94:ESOCKTNOSUPPORT 95:EOPNOTSUPP 96:EPFNOSUPPORT 97:EAFNOSUPPORT 98:EADDRINUSE 99:EADDRNOTAVAIL 100:ENETDOWN 101:ENETUNREACH 102:ENETRESET 103:ECONNABORTED 104:ECONNRESET 105:ENOBUFS 106:EISCONN 107:ENOTCONN 108:ESHUTDOWN 109:ETOOMANYREFS 110:ETIMEDOUT 111:ECONNREFUSED 112:EHOSTDOWN 113:EHOSTUNREACH 114:EALREADY 115:EINPROGRESS 116:ESTALE 117:EUCLEAN 118:ENOTNAM 119:ENAVAIL 120:EISNAM 121:EREMOTEIO 122:EDQUOT 123:ENOMEDIUM 124:EMEDIUMTYPE 125:ECANCELED 512:ERESTARTSYS 513:ERESTARTNOINTR 514:ERESTARTNOHAND 515:ENOIOCTLCMD 516:ERESTART_RESTARTBLOCK 521:EBADHANDLE 522:ENOTSYNC 523:EBADCOOKIE 524:ENOTSUPP 525:ETOOSMALL 526:ESERVERFAULT 527:EBADTYPE 528:EJUKEBOX 529:EIOCBQUEUED 530:EIOCBRETRY";
    private static final String SIGNALS =
            "1:SIGHUP 2:SIGINT 3:SIGQUIT 4:SIGILL 5:SIGTRAP 6:SIGABRT 7:SIGBUS 8:SIGFPE 9:SIGKILL 10:SIGUSR1 11:SIGSEGV 12:SIGUSR2 13:SIGPIPE 14:SIGALRM 15:SIGTERM 16:SIGSTKFLT 17:SIGCHLD 18:SIGCONT 19:SIGSTOP 20:SIGTSTP 21:SIGTTIN 22:SIGTTOU 23:SIGURG 24:SIGXCPU 25:SIGXFSZ 26:SIGVTALRM 27:SIGPROF 28:SIGWINCH 29:SIGIO 30:SIGPWR 31:SIGSYS";
    private static final Map<Integer, String> ERRNO = parse(ERRNOS);
    private static final Map<Integer, String> SIGNAL = parse(SIGNALS);

    private static Map<Integer, String> parse(String s) {
        Map<Integer, String> m = new HashMap<>();
        for (String kv : s.split(" ")) {
            int c = kv.indexOf(':');
            m.putIfAbsent(Integer.parseInt(kv.substring(0, c)), kv.substring(c + 1));
        }
        return m;
    }

    /** Name of a negative return value (-2 -> ENOENT), or null when it is not a known errno. */
    static String errnoName(long res) {
        if (res >= 0 || res < Integer.MIN_VALUE) return null;
        return ERRNO.get((int) -res);
    }

    static String signalName(int sig) { return SIGNAL.get(sig); }

    static String ipv4(byte[] b, int o) {
        return (b[o] & 0xff) + "." + (b[o + 1] & 0xff) + "." + (b[o + 2] & 0xff) + "." + (b[o + 3] & 0xff);
    }

    /** RFC 5952 text of an IPv6 address, as glibc's inet_ntop writes it (including ::ffff:a.b.c.d). */
    static String ipv6(byte[] b, int o) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = (b[o + 2 * i] & 0xff) << 8 | (b[o + 2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) j++;
                if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) bestStart = -1;
        StringBuilder sb = new StringBuilder();
        boolean mapped = bestStart == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff));
        for (int i = 0; i < 8; i++) {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLen) {
                if (i == bestStart) sb.append(':');
                continue;
            }
            if (i != 0) sb.append(':');
            if (i == 6 && mapped) {
                sb.append(ipv4(b, o + 12));
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestStart >= 0 && bestStart + bestLen == 8) sb.append(':');
        return sb.toString();
    }

    static String ip(byte[] addr) {
        return addr == null ? "" : addr.length == 4 ? ipv4(addr, 0) : ipv6(addr, 0);
    }

    /** An all-zero or ::ffff: address that libsinsp treats as IPv4. */
    static boolean isIpv4MappedIpv6(byte[] b, int o) {
        for (int i = 0; i < 10; i++) if (b[o + i] != 0) return false;
        if ((b[o + 10] & 0xff) == 0xff && (b[o + 11] & 0xff) == 0xff) return true;
        for (int i = 10; i < 16; i++) if (b[o + i] != 0) return false;
        return true;
    }

    /** libsinsp's notion of a printable byte (isprint in the C locale). */
    static boolean printable(int c) { return c >= 0x20 && c < 0x7f; }

    /** Drops the bytes libsinsp considers invalid in names. */
    static String sanitize(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!printable(c)) {
                if (sb == null) { sb = new StringBuilder(s.length()); sb.append(s, 0, i); }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Joins a relative path to a directory (which ends with '/') and normalizes '.', '..' and '//',
     * the way sinsp resolves fd names and relative path arguments. Absolute paths are normalized alone.
     * Returns {resolved, wasRelative}.
     */
    static String concatenate(String dir, String path) {
        StringBuilder t = new StringBuilder();
        int base;
        if (!path.isEmpty() && path.charAt(0) != '/') {
            t.append(dir);
            base = 0;
        } else {
            base = 0;
        }
        copyAndSanitize(t, base, path);
        return t.toString();
    }

    static boolean isRelative(String path) { return !path.isEmpty() && path.charAt(0) != '/'; }

    private static void copyAndSanitize(StringBuilder t, int base, String p) {
        int i = 0, n = p.length();
        while (true) {
            if (i >= n) {
                if (t.length() > base + 1 && t.charAt(t.length() - 1) == '/') t.setLength(t.length() - 1);
                return;
            }
            char c = p.charAt(i);
            if (!printable(c)) {
                t.append('.');
                i++;
            } else if (c == '.' && at(p, i + 1) == '.' && at(p, i + 2) == '/') {
                rewind(t, base);
                i += 3;
            } else if (c == '.' && at(p, i + 1) == '.') {
                if (i + 2 >= n) {
                    rewind(t, base);
                    i += 2;
                } else {
                    t.append("..");
                    i += 2;
                }
            } else if (c == '.' && at(p, i + 1) == '/') {
                i += 2;
            } else if (c == '.') {
                if (i + 1 >= n) i++;
                else { t.append('.'); i++; }
            } else if (c == '/') {
                if (t.length() > base && t.charAt(t.length() - 1) == '/') i++;
                else { t.append('/'); i++; }
            } else {
                t.append(c);
                i++;
            }
        }
    }

    private static char at(String s, int i) { return i < s.length() ? s.charAt(i) : 0; }

    /** Goes back to just after the previous '/', never before base+1. */
    private static void rewind(StringBuilder t, int base) {
        int tc = t.length();
        if (tc <= base + 1) return;
        tc--;
        while (tc >= base + 1 && t.charAt(tc - 1) != '/') tc--;
        t.setLength(Math.max(tc, base));
    }
}
