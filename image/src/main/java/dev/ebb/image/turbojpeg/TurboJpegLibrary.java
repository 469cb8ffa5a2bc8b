package dev.ebb.image.turbojpeg;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TurboJPEG 2.x C API of libjpeg-turbo ({@code libturbojpeg.so.0}), bound with Java's FFM API.
 * Only the calls Ebb needs. The 2.x API is also exported by libjpeg-turbo 3.x, so any distribution
 * from Debian bookworm on works. Handles are not thread-safe: callers create one per use.
 *
 * <p>{@code unsigned long} is 64-bit on the LP64 platforms Ebb runs on (Linux and macOS, x86-64
 * and arm64); Windows is not supported by this binding and falls back to ImageIO.
 */
public final class TurboJpegLibrary {

    // Pixel formats (enum TJPF)
    public static final int TJPF_BGRX = 3;
    public static final int TJPF_CMYK = 11;
    // Chroma subsampling (enum TJSAMP)
    public static final int TJSAMP_420 = 2;
    // Colour spaces (enum TJCS)
    public static final int TJCS_CMYK = 3;
    public static final int TJCS_YCCK = 4;
    // Flags
    public static final int TJFLAG_NOREALLOC = 1024;
    public static final int TJFLAG_STOPONWARNING = 8192;
    public static final int TJFLAG_LIMITSCANS = 32768;

    /** Environment variable naming the library file, for unusual installs. */
    public static final String PATH_VARIABLE = "EBB_TURBOJPEG_LIBRARY";
    /** Environment variable that, set to {@code off}, forces the ImageIO fallback. */
    public static final String SWITCH_VARIABLE = "EBB_TURBOJPEG";

    private static final LoadResult LOADED = load(System.getenv(PATH_VARIABLE), System.getenv(SWITCH_VARIABLE));

    final MethodHandle initDecompress;
    final MethodHandle decompressHeader3;
    final MethodHandle decompress2;
    final MethodHandle initCompress;
    final MethodHandle compress2;
    final MethodHandle bufSize;
    final MethodHandle destroy;
    final MethodHandle getErrorStr2;
    final MethodHandle getErrorCode;

    private TurboJpegLibrary(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        initDecompress = bind(linker, lib, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        initCompress = bind(linker, lib, "tjInitCompress", FunctionDescriptor.of(ADDRESS));
        decompressHeader3 = bind(
                linker,
                lib,
                "tjDecompressHeader3",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress2 = bind(
                linker,
                lib,
                "tjDecompress2",
                FunctionDescriptor.of(
                        JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                        JAVA_INT));
        compress2 = bind(
                linker,
                lib,
                "tjCompress2",
                FunctionDescriptor.of(
                        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                        JAVA_INT, JAVA_INT));
        bufSize = bind(linker, lib, "tjBufSize", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        destroy = bind(linker, lib, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorStr2 = bind(linker, lib, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getErrorCode = bind(linker, lib, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol =
                lib.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
        return linker.downcallHandle(symbol, fd);
    }

    /** Whether the library loaded, and if not, why; decided once per process. */
    public record LoadResult(Optional<TurboJpegLibrary> library, String detail) {
        public boolean available() {
            return library.isPresent();
        }
    }

    public static LoadResult loaded() {
        return LOADED;
    }

    static LoadResult load(String explicitPath, String switchValue) {
        if (switchValue != null && switchValue.equalsIgnoreCase("off")) {
            return new LoadResult(Optional.empty(), SWITCH_VARIABLE + "=off");
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates(explicitPath)) {
            try {
                SymbolLookup lookup = candidate.contains("/")
                        ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                        : SymbolLookup.libraryLookup(candidate, Arena.global());
                return new LoadResult(Optional.of(new TurboJpegLibrary(lookup)), candidate);
            } catch (IllegalArgumentException | IllegalStateException | IllegalCallerException e) {
                tried.add(candidate + " (" + e.getMessage() + ")");
            }
        }
        return new LoadResult(Optional.empty(), "libturbojpeg not found; tried " + String.join(", ", tried));
    }

    private static List<String> candidates(String explicitPath) {
        List<String> names = new ArrayList<>();
        if (explicitPath != null && !explicitPath.isBlank()) {
            names.add(explicitPath);
            return names;
        }
        names.add("libturbojpeg.so.0");
        names.add("libturbojpeg.so");
        for (String p : List.of(
                "/opt/homebrew/opt/jpeg-turbo/lib/libturbojpeg.dylib",
                "/usr/local/opt/jpeg-turbo/lib/libturbojpeg.dylib",
                "/opt/libjpeg-turbo/lib64/libturbojpeg.so")) {
            if (Files.exists(Path.of(p))) {
                names.add(p);
            }
        }
        return names;
    }
}
