package dev.eyrie.capture;

/** Event codes (ppm_event_code) the state tracker acts on. */
final class Codes {
    private Codes() {}

    static final int PROCINFO_E = 234;
    static final int CONTAINER_JSON_E = 272;
    static final int CONTAINER_JSON_2_E = 324;
    static final int SCHEDSWITCH_6_E = 152;
    static final int SCHEDSWITCH_1_E = 146;
    static final int SENDTO_E = 30;
    // read/write exits libsinsp's parse_rw_exit handles
    static final int READ_X = 7, WRITE_X = 9, SEND_X = 29, SENDTO_X = 31, RECV_X = 33, RECVFROM_X = 35, SENDMSG_X = 49,
            RECVMSG_X = 53, PREAD_X = 113, PWRITE_X = 115, READV_X = 117, WRITEV_X = 119, PREADV_X = 121, PWRITEV_X = 123;
    static final int OPEN_X = 3;
    static final int CREAT_X = 59;
    static final int OPENAT_X = 103;
    static final int OPENAT_2_X = 307;
    static final int OPENAT2_X = 327;
    static final int SOCKET_X = 19;
    static final int BIND_X = 21;
    static final int CONNECT_E = 22;
    static final int CONNECT_X = 23;
    static final int ACCEPT_X = 27;
    static final int ACCEPT_5_X = 247;
    static final int ACCEPT4_X = 57;
    static final int ACCEPT4_5_X = 249;
    static final int ACCEPT4_6_X = 389;
    static final int CLOSE_X = 5;
    static final int PIPE_X = 61;
    static final int PIPE2_X = 393;
    static final int SOCKETPAIR_X = 43;
    static final int EVENTFD_X = 63;
    static final int SIGNALFD_X = 127;
    static final int TIMERFD_CREATE_X = 137;
    static final int INOTIFY_INIT_X = 139;
    static final int EPOLL_CREATE_X = 375;
    static final int EPOLL_CREATE1_X = 377;
    static final int DUP_X = 125;
    static final int DUP2_X = 363;
    static final int DUP3_X = 365;
    static final int DUP_1_X = 367;
    static final int FCNTL_X = 151;
    static final int CHDIR_X = 95;
    static final int FCHDIR_X = 97;
    static final int PROCEXIT_E = 16;
    static final int PROCEXIT_1_E = 186;
    static final int SETUID_X = 199;
    static final int SETGID_X = 201;
    static final int SETRESUID_X = 193;
    static final int SETRESGID_X = 195;
    static final int USER_ADDED_E = 354;
    static final int USER_DELETED_E = 356;
    static final int GROUP_ADDED_E = 358;
    static final int GROUP_DELETED_E = 360;
    static final int GENERIC_E = 0;
    static final int GENERIC_X = 1;
    static final int SCAPEVENT_E = 196;
    static final int DROP_E = 148;
    static final int DROP_X = 149;
    static final int CLONE_11_X = 15;
    static final int CLONE_16_X = 157;
    static final int CLONE_17_X = 217;
    static final int CLONE_20_X = 223;
    static final int FORK_X = 183;
    static final int FORK_17_X = 219;
    static final int FORK_20_X = 225;
    static final int VFORK_X = 185;
    static final int VFORK_17_X = 221;
    static final int VFORK_20_X = 227;
    static final int CLONE3_X = 335;
    static final int EXECVE_8_X = 13;
    static final int EXECVE_13_X = 155;
    static final int EXECVE_14_X = 173;
    static final int EXECVE_15_X = 215;
    static final int EXECVE_16_X = 231;
    static final int EXECVE_17_X = 283;
    static final int EXECVE_18_X = 289;
    static final int EXECVE_19_X = 293;
    static final int EXECVEAT_X = 331;

    static boolean isCloneExit(int t) {
        return t == CLONE_11_X || t == CLONE_16_X || t == CLONE_17_X || t == CLONE_20_X || t == FORK_X || t == FORK_17_X
                || t == FORK_20_X || t == VFORK_X || t == VFORK_17_X || t == VFORK_20_X || t == CLONE3_X;
    }

    static boolean isExecveExit(int t) {
        return t == EXECVE_8_X || t == EXECVE_13_X || t == EXECVE_14_X || t == EXECVE_15_X || t == EXECVE_16_X
                || t == EXECVE_17_X || t == EXECVE_18_X || t == EXECVE_19_X || t == EXECVEAT_X;
    }
}
