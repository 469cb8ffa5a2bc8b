package dev.ebb.simulator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws the chart with Java2D (headless). A machine without any font installed cannot draw text;
 * the chart is then drawn without labels rather than not at all ({@link #textFailed()}).
 */
final class PngCanvas implements Canvas {

    private final BufferedImage image;
    private final Graphics2D g;
    private boolean textFailed;

    PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        rect(0, 0, width, height, 0xFFFFFF);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        g.setColor(new Color(rgb));
        g.setStroke(
                dashed
                        ? new BasicStroke(
                                (float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0)
                        : new BasicStroke((float) width));
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        if (n == 0) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void rect(double x, double y, double w, double h, int fillRgb) {
        g.setColor(new Color(fillRgb));
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void text(double x, double y, String text, int size, Anchor anchor, int rgb, boolean bold) {
        if (textFailed) {
            return;
        }
        try {
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
            int w = g.getFontMetrics().stringWidth(text);
            double left = switch (anchor) {
                case START -> x;
                case MIDDLE -> x - w / 2.0;
                case END -> x - w;
            };
            g.setColor(new Color(rgb));
            g.drawString(text, (float) left, (float) y);
        } catch (RuntimeException | Error e) {
            // No fonts (fontconfig finds none): draw the lines anyway; the SVG has the labels.
            textFailed = true;
        }
    }

    boolean textFailed() {
        return textFailed;
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
