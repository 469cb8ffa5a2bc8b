package dev.ebb.image.geometry;

/** A rectangle inside an image, in that image's pixels. */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad region " + x + "," + y + " " + width + "x" + height);
        }
    }

    public static Region whole(Size size) {
        return new Region(0, 0, size.width(), size.height());
    }

    public Size size() {
        return new Size(width, height);
    }

    /**
     * The same region in an image of {@code to} pixels that shows the whole of an image of
     * {@code from} pixels (a scaled decode of it). Kept inside {@code to}, at least 1x1.
     */
    public Region rescaled(Size from, Size to) {
        double fx = (double) to.width() / from.width();
        double fy = (double) to.height() / from.height();
        int nx = Math.min(to.width() - 1, (int) Math.floor(x * fx));
        int ny = Math.min(to.height() - 1, (int) Math.floor(y * fy));
        int nw = Math.max(1, Math.min(to.width() - nx, (int) Math.round(width * fx)));
        int nh = Math.max(1, Math.min(to.height() - ny, (int) Math.round(height * fy)));
        return new Region(nx, ny, nw, nh);
    }
}
