package dev.ebb.image.naming;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import java.util.Locale;
import java.util.Set;

/**
 * Where the output of a source goes: {@code <prefix><W>x<H>/<source key with the format's extension>}.
 *
 * <p>The mapping is deterministic (re-processing rewrites the same object) and collision-free: two
 * different source keys never map to the same output key, so {@code a/x.jpg} and {@code b/x.jpg}
 * keep their folders (the original worker kept only the base name and silently overwrote), and
 * {@code x.jpg}, {@code x.JPG} and {@code x.png} stay apart. The last path segment is mapped so:
 *
 * <ol>
 *   <li>it already has an extension of the output format ({@code .jpg}, {@code .jpeg}, any case,
 *       for JPEG) and no other extension before it: unchanged ({@code cat.JPG -> cat.JPG});
 *   <li>it has another extension: the format's is appended ({@code cat.png -> cat.png.jpg});
 *   <li>anything else (no extension, a {@code ~} in the name, or a name like {@code cat.png.jpg}
 *       that rule 2 could produce from {@code cat.png}): {@code ~} is doubled and {@code ~.jpg}
 *       appended ({@code README -> README~.jpg}, {@code cat.png.jpg -> cat.png.jpg~.jpg}).
 * </ol>
 *
 * Rule 1 outputs have no extension before the last; rule 2 outputs have one; rule 3 outputs, and
 * only they, contain {@code ~}. The three can never meet, and each rule is one-to-one by itself.
 */
public final class OutputKeys {

    private static final char MARK = '~';

    private OutputKeys() {}

    /**
     * @param prefix prepended verbatim (e.g. {@code thumbnails/}); may be empty
     * @throws IllegalArgumentException for an empty key or a folder marker ending in {@code /}
     */
    public static String of(String prefix, String sourceKey, OutputSpec spec) {
        return prefix + spec.boxName() + "/" + relative(sourceKey, spec.format());
    }

    /** The source key with its last segment mapped for {@code format}; folders kept as they are. */
    public static String relative(String sourceKey, OutputFormat format) {
        if (sourceKey.isEmpty() || sourceKey.endsWith("/")) {
            throw new IllegalArgumentException("'" + sourceKey + "' names a folder, not an object");
        }
        int slash = sourceKey.lastIndexOf('/');
        String dir = sourceKey.substring(0, slash + 1);
        String name = sourceKey.substring(slash + 1);
        return dir + mapName(name, format);
    }

    static String mapName(String name, OutputFormat format) {
        String ext = extension(name);
        if (name.indexOf(MARK) < 0 && ext != null) {
            String stem = name.substring(0, name.length() - ext.length() - 1);
            boolean formatExt = extensionsOf(format).contains(ext.toLowerCase(Locale.ROOT));
            if (formatExt && extension(stem) == null) {
                return name; // rule 1
            }
            if (!formatExt) {
                return name + "." + format.extension(); // rule 2
            }
        }
        return name.replace("~", "~~") + MARK + "." + format.extension(); // rule 3
    }

    /** Text after the last dot, if the dot is neither first (hidden file) nor last. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1) : null;
    }

    private static Set<String> extensionsOf(OutputFormat format) {
        return switch (format) {
            case JPEG -> Set.of("jpg", "jpeg", "jpe");
            case PNG -> Set.of("png");
        };
    }
}
