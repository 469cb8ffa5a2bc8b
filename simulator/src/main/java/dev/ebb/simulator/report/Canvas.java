package dev.ebb.simulator.report;

/** The few drawing operations the chart needs, so SVG and PNG are drawn by the same layout code. */
interface Canvas {

    enum Anchor {
        START,
        MIDDLE,
        END
    }

    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, int n, int rgb, double width);

    void rect(double x, double y, double w, double h, int fillRgb);

    void text(double x, double y, String text, int size, Anchor anchor, int rgb, boolean bold);
}
