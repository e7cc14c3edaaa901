package dev.greenloop.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays an HTML page out as PDF with openhtmltopdf (a maintained fork of Flying Saucer, on Apache PDFBox): no browser,
 * no JavaScript. The page must be well-formed XHTML; CSS 2.1 with paged media ({@code @page}) is honoured, flexbox and
 * inline SVG are not (draw charts as {@code <img>} with PNG data URIs: {@link Chart#toPng()}).
 */
public final class HtmlPdf {

    /** Where Debian and most Linux distributions keep DejaVu Sans, embedded when present for text beyond Latin-1 (Σ, ×, −). */
    static final Path FONTS = Path.of("/usr/share/fonts/truetype/dejavu");

    static {
        // openhtmltopdf's INFO lines (timings, font loading) are not for users; its warnings still show.
        for (String logger : com.openhtmltopdf.util.XRLog.listRegisteredLoggers()) {
            com.openhtmltopdf.util.XRLog.setLevel(logger, java.util.logging.Level.WARNING);
        }
    }

    private HtmlPdf() {
    }

    /**
     * Writes the page as PDF.
     *
     * @param xhtml the page, well-formed XHTML
     * @param out where the PDF goes; left open
     * @return notes for the user: which font was embedded, or that none was found and the PDF's built-in fonts lack
     *     some symbols
     * @throws IOException if the page is not well-formed or writing fails, with the layout engine's reason
     */
    public static List<String> write(String xhtml, OutputStream out) throws IOException {
        List<String> notes = new ArrayList<>();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, null);
        Path regular = FONTS.resolve("DejaVuSans.ttf");
        Path bold = FONTS.resolve("DejaVuSans-Bold.ttf");
        if (Files.isReadable(regular)) {
            builder.useFont(regular.toFile(), "DejaVu Sans", 400, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            if (Files.isReadable(bold)) {
                builder.useFont(bold.toFile(), "DejaVu Sans", 700, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
        } else {
            notes.add("PDF: DejaVu Sans not found in %s, so the PDF uses its built-in fonts, which lack some symbols (Σ, −); install fonts-dejavu-core"
                    .formatted(FONTS));
        }
        builder.toStream(out);
        try {
            builder.run();
        } catch (RuntimeException e) {
            throw new IOException("the page could not be laid out as PDF: " + e.getMessage(), e);
        }
        return notes;
    }
}
