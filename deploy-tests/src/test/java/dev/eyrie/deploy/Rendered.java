package dev.eyrie.deploy;

/** The chart rendered once with its default values (rendering costs a native helm call). */
final class Rendered {
    private static Manifests defaults;

    private Rendered() {}

    static synchronized Manifests defaults() {
        if (defaults == null) {
            defaults = ChartRenderer.chart().render();
        }
        return defaults;
    }

    /** The release name already contains the chart name, so helm's fullname is the release name. */
    static String fullname() {
        return ChartRenderer.RELEASE;
    }
}
