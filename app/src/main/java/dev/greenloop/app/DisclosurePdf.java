package dev.greenloop.app;

import dev.greenloop.report.HtmlPdf;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The report as PDF ({@code greenloop report --format pdf}): the HTML page of {@link DisclosureHtml#renderForPdf}, laid
 * out on A4 by the report module's {@link HtmlPdf}, charts drawn server-side by the same chart core; no browser and no
 * JavaScript.
 */
public final class DisclosurePdf {

    private DisclosurePdf() {
    }

    /**
     * @param out where the PDF goes; left open
     * @return notes for the user, such as a missing font
     * @throws IOException if the PDF cannot be laid out or written
     */
    public static List<String> write(Disclosure d, OutputStream out) throws IOException {
        return HtmlPdf.write(DisclosureHtml.renderForPdf(d), out);
    }
}
