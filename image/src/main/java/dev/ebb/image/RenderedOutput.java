package dev.ebb.image;

import dev.ebb.image.spec.OutputSpec;

/** One encoded output of a source. */
public record RenderedOutput(OutputSpec spec, int width, int height, byte[] bytes) {}
