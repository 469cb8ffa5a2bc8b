package dev.ebb.image;

import dev.ebb.image.spec.OutputSpec;

/**
 * One encoded output of a source. The bytes are handed on once (uploaded, written to a file) and
 * never compared, so the record's array identity in equals/hashCode does not matter.
 */
@SuppressWarnings("ArrayRecordComponent")
public record RenderedOutput(OutputSpec spec, int width, int height, byte[] bytes) {}
