package dev.syswrite.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.CategoryStyler;

/**
 * One picture of several XChart panels under a shared title and a shared legend, sized for a
 * Markdown page such as docs/performance.md (900 px wide) and saved as an opaque PNG: one
 * legend, drawn once, cannot cover a bar, and every panel keeps its whole width for data.
 */
final class ChartSheet {
    /** The picture's width: what a Markdown page on GitHub shows without scaling. */
    static final int WIDTH = 900;
    private static final int MARGIN = 12;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** One legend entry: a series' name and colour. */
    record Key(String name, Color color) {}

    private ChartSheet() {}

    /** A bar panel in the sheet's style: white, no legend of its own, a linear y axis from zero. */
    static CategoryChart panel(int width, int height, String title, String yAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).yAxisTitle(yAxisTitle).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("#,##0.#");
        return chart;
    }

    /**
     * @param notes lines of small print under the legend (what is left out, and why), may be empty
     * @param panels charts of width {@code WIDTH / columns} and equal height, row by row
     */
    static void write(Path png, String title, List<Key> legend, List<String> notes, List<? extends Chart<?, ?>> panels, int columns)
            throws IOException {
        BufferedImage measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D probe = measure.createGraphics();
        List<Point> places = placeLegend(probe.getFontMetrics(NOTE), legend);
        List<String> lines = new ArrayList<>();
        notes.forEach(note -> lines.addAll(wrap(probe.getFontMetrics(NOTE), note)));
        probe.dispose();
        int legendRows = places.isEmpty() ? 0 : places.get(places.size() - 1).y + 1;
        int lineHeight = 18;
        int header = MARGIN + 20 + legendRows * lineHeight + lines.size() * lineHeight + MARGIN / 2;
        int rows = (panels.size() + columns - 1) / columns;
        int panelHeight = panels.get(0).getHeight();
        BufferedImage image = new BufferedImage(WIDTH, header + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, MARGIN, MARGIN + 14);
        g.setFont(NOTE);
        int top = MARGIN + 20 + lineHeight - 5;
        for (int i = 0; i < legend.size(); i++) {
            Point place = places.get(i);
            int y = top + place.y * lineHeight;
            g.setColor(legend.get(i).color());
            g.fillRect(place.x, y - 11, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(i).name(), place.x + 16, y);
        }
        g.setColor(Color.DARK_GRAY);
        int y = top + (legendRows - 1) * lineHeight;
        for (String line : lines) {
            y += lineHeight;
            g.drawString(line, MARGIN, y);
        }
        for (int i = 0; i < panels.size(); i++) {
            BufferedImage panel = BitmapEncoder.getBufferedImage(panels.get(i));
            g.drawImage(panel, (i % columns) * (WIDTH / columns), header + (i / columns) * panelHeight, null);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** {@code text} in lines that fit the picture's width, broken between words. */
    private static List<String> wrap(FontMetrics metrics, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && metrics.stringWidth(line + " " + word) > WIDTH - 2 * MARGIN) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Where each legend entry goes: x in pixels, y as the row, wrapping at the picture's width. */
    private static List<Point> placeLegend(FontMetrics metrics, List<Key> legend) {
        List<Point> places = new ArrayList<>();
        int x = MARGIN;
        int row = 0;
        for (Key key : legend) {
            int width = 16 + metrics.stringWidth(key.name()) + 18; // swatch, name, gap
            if (x + width > WIDTH - MARGIN && x > MARGIN) {
                x = MARGIN;
                row++;
            }
            places.add(new Point(x, row));
            x += width;
        }
        return places;
    }
}
