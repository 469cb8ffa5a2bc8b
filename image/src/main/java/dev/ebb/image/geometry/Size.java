package dev.ebb.image.geometry;

/** A width and height in pixels, both at least 1. */
public record Size(int width, int height) {

    public Size {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be at least 1x1, got " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    public Size transposed() {
        return new Size(height, width);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
