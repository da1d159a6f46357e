package org.chapar.bench.report;

import org.chapar.bench.load.Interval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Line charts over time drawn with java.awt in headless mode, so the harness needs no charting
 * library: latency percentiles per interval, and delivered messages per second.
 */
public final class Charts {
    private static final int W = 900, H = 420, LEFT = 80, RIGHT = 150, TOP = 40, BOTTOM = 50;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728), new Color(0x7f7f7f)
    };

    record Series(String label, List<double[]> points) {}

    private Charts() {}

    /** Writes {@code base-latency.png} and {@code base-throughput.png}; returns the files. */
    public static List<Path> write(Path base, Result r) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Interval> in = r.intervals();
        if (in.isEmpty()) return List.of();
        String title = r.scenario() + " on " + r.server() + " " + r.parameters();
        Path latency = base.resolveSibling(base.getFileName() + "-latency.png");
        Path throughput = base.resolveSibling(base.getFileName() + "-throughput.png");
        draw(
                latency,
                title + ": latency",
                "ms",
                List.of(
                        series("p50", in, Interval::p50Ms), series("p99", in, Interval::p99Ms),
                        series("p99.9", in, Interval::p999Ms), series("max", in, Interval::maxMs)));
        draw(
                throughput,
                title + ": throughput",
                "delivered/s",
                List.of(series("delivered/s", in, Interval::ratePerSecond)));
        return List.of(latency, throughput);
    }

    private static Series series(String label, List<Interval> in, ToDoubleFunction<Interval> y) {
        List<double[]> pts = new ArrayList<>();
        for (Interval i : in) pts.add(new double[] {i.secondsFromStart(), y.applyAsDouble(i)});
        return new Series(label, pts);
    }

    static void draw(Path file, String title, String yLabel, List<Series> series)
            throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (maxX <= minX) maxX = minX + 1;
        maxY = niceCeiling(maxY);
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 22);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + ph - ph * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            String label = ResultTable.format(maxY * i / 5);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            int x = LEFT + pw * i / 5;
            String xl = ResultTable.format(minX + (maxX - minX) * i / 5);
            g.drawString(xl, x - g.getFontMetrics().stringWidth(xl) / 2, TOP + ph + 18);
        }
        g.drawString("seconds", LEFT + pw / 2 - 20, H - 12);
        g.drawString(yLabel, 8, TOP - 8);
        g.drawRect(LEFT, TOP, pw, ph);
        g.setStroke(new BasicStroke(1.8f));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(COLORS[s % COLORS.length]);
            List<double[]> pts = series.get(s).points();
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(
                        px(pts.get(i - 1)[0], minX, maxX, pw),
                        py(pts.get(i - 1)[1], maxY, ph),
                        px(pts.get(i)[0], minX, maxX, pw),
                        py(pts.get(i)[1], maxY, ph));
            }
            g.fillRect(LEFT + pw + 15, TOP + 10 + 20 * s, 14, 4);
            g.drawString(series.get(s).label(), LEFT + pw + 35, TOP + 16 + 20 * s);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int px(double x, double minX, double maxX, int pw) {
        return LEFT + (int) Math.round((x - minX) / (maxX - minX) * pw);
    }

    private static int py(double y, double maxY, int ph) {
        return TOP + ph - (int) Math.round(Math.min(y, maxY) / maxY * ph);
    }

    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) if (step * mag >= v) return step * mag;
        return 10 * mag;
    }
}
