package dev.eyrie.collector.bpf;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/** The part of libbpf 1.x (libbpf.so.1) the collector uses. Pointer-returning calls give NULL and set errno. */
public interface LibBpf extends Library {
  Pointer bpf_object__open_mem(Pointer objBuf, NativeLong size, Pointer opts);

  int bpf_object__load(Pointer obj);

  void bpf_object__close(Pointer obj);

  Pointer bpf_object__find_program_by_name(Pointer obj, String name);

  Pointer bpf_object__find_map_by_name(Pointer obj, String name);

  Pointer bpf_object__next_map(Pointer obj, Pointer prev);

  String bpf_map__name(Pointer map);

  Pointer bpf_map__initial_value(Pointer map, NativeLongByReference size);

  int bpf_map__set_max_entries(Pointer map, int maxEntries);

  int bpf_map__fd(Pointer map);

  int bpf_program__set_autoload(Pointer prog, boolean autoload);

  Pointer bpf_program__attach_tracepoint(Pointer prog, String category, String name);

  int bpf_link__destroy(Pointer link);

  int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

  int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

  int bpf_program__fd(Pointer prog);

  int libbpf_num_possible_cpus();

  int libbpf_strerror(int err, byte[] buf, NativeLong size);

  Pointer libbpf_set_print(PrintFn fn);

  /** int (*)(enum libbpf_print_level, const char *fmt, va_list) — va_list is a pointer on x86_64. */
  interface PrintFn extends Callback {
    int invoke(int level, String format, Pointer vaList);
  }
}
