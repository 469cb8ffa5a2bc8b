package dev.ebb.simulator.report;

import java.util.Locale;

/** Writes the chart as a small hand-made SVG: lines, polylines, rectangles and text. */
final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        rect(0, 0, width, height, 0xFFFFFF);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        svg.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(color(rgb))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"')
                .append(dashed ? " stroke-dasharray=\"3,3\"" : "")
                .append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, int rgb, double width) {
        svg.append("<polyline fill=\"none\" stroke=\"")
                .append(color(rgb))
                .append("\" stroke-width=\"")
                .append(n(width))
                .append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < count; i++) {
            svg.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int fillRgb) {
        svg.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(n(h))
                .append("\" fill=\"")
                .append(color(fillRgb))
                .append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, int size, Anchor anchor, int rgb, boolean bold) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        svg.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" font-size=\"")
                .append(size)
                .append("\" text-anchor=\"")
                .append(a)
                .append("\" fill=\"")
                .append(color(rgb))
                .append('"')
                .append(bold ? " font-weight=\"bold\"" : "")
                .append('>')
                .append(escape(text))
                .append("</text>\n");
    }

    String finish() {
        return svg + "</svg>\n";
    }

    private static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static String color(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
