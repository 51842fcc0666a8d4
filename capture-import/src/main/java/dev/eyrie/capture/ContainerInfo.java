package dev.eyrie.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Container metadata carried by container JSON events in the capture. */
record ContainerInfo(String id, String fullId, int type, String name, String image, String imageRepo, String imageTag,
                     String imageDigest, Boolean privileged, List<MountInfo> mounts, int lookupState) {

    record MountInfo(String source, String dest, String mode, boolean rdwr, String propagation) {}

    /** sinsp_container_type numbering. */
    String runtime() {
        return switch (type) {
            case 0 -> "docker";
            case 1 -> "lxc";
            case 2 -> "libvirt-lxc";
            case 3 -> "mesos";
            case 4 -> "rkt";
            case 5 -> "custom";
            case 6 -> "cri";
            case 7 -> "containerd";
            case 8 -> "cri-o";
            case 9 -> "bpm";
            case 10 -> "static";
            case 11 -> "podman";
            default -> null;
        };
    }

    /** A lookup that is missing its state, or says SUCCESSFUL (1), counts as complete. */
    boolean successful() { return lookupState == 1; }

    @SuppressWarnings("unchecked")
    static ContainerInfo parse(String json) {
        Object root = MiniJson.parse(json);
        if (!(root instanceof Map<?, ?> r) || !(r.get("container") instanceof Map<?, ?> c)) return null;
        Map<String, Object> m = (Map<String, Object>) c;
        String id = str(m, "id");
        if (id == null) return null;
        List<MountInfo> mounts = new ArrayList<>();
        if (m.get("Mounts") instanceof List<?> ms) {
            for (Object o : ms) {
                if (o instanceof Map<?, ?> mm) {
                    Map<String, Object> x = (Map<String, Object>) mm;
                    mounts.add(new MountInfo(nz(str(x, "Source")), nz(str(x, "Destination")), nz(str(x, "Mode")),
                            Boolean.TRUE.equals(x.get("RW")), nz(str(x, "Propagation"))));
                }
            }
        }
        int lookup = m.get("lookup_state") instanceof Number n ? n.intValue() : 1;
        if (lookup < 0 || lookup > 2) lookup = 1;
        Boolean priv = m.get("privileged") instanceof Boolean b ? b : null;
        int type = m.get("type") instanceof Number n ? n.intValue() : -1;
        return new ContainerInfo(id, nz(str(m, "full_id")), type, str(m, "name"), str(m, "image"), str(m, "imagerepo"),
                str(m, "imagetag"), str(m, "imagedigest"), priv, mounts, lookup);
    }

    private static String str(Map<String, Object> m, String k) {
        return m.get(k) instanceof String s ? s : null;
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
