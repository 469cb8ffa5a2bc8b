package dev.ebb.cli.resize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --report} JSON: totals first, then one entry per input, sorted by key. */
final class ResizeReport {

    private ResizeReport() {}

    static void write(Path file, FolderResize.Result result, String jpegDecoder) throws IOException {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("inputs", result.entries().size() + result.unaccounted().size());
        totals.put("processed", result.processed());
        totals.put("failed", result.entries().size() - result.processed());
        totals.put("failedByReason", result.failuresByReason());
        totals.put("unaccounted", result.unaccounted().size());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("totals", totals);
        doc.put("elapsedSeconds", Math.round(result.elapsedSeconds() * 1000) / 1000.0);
        doc.put("jpegDecoder", jpegDecoder);
        doc.put("inputs", result.entries());
        doc.put("unaccounted", result.unaccounted());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
