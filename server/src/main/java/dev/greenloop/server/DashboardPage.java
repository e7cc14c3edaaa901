package dev.greenloop.server;

import java.util.List;

/**
 * The dashboard's page template: one layout (skip link, header with navigation and sign-out, main, footer) around a
 * page's body, with the shared stylesheet and script. A new page adds a {@link Nav} entry and renders its body with
 * {@link #esc}. Every URL it writes is this server's own: the dashboard works offline.
 */
final class DashboardPage {

    /** A navigation entry: its label and path. Later pages (anomalies, runs, grid...) add theirs here. */
    record Nav(String label, String path) {
    }

    /** The navigation, in order. */
    static final List<Nav> NAV = List.of(new Nav("Fleet", "/"),
            new Nav("Runs", "/runs"), new Nav("Grid", "/grid"), new Nav("Models", "/models"), new Nav("Compare", "/compare"),
            new Nav("Anomalies", "/anomalies"),
            new Nav("Recommendations", "/recommendations"),
            new Nav("Serving", "/serving"),
            new Nav("Report", "/report"));

    private DashboardPage() {
    }

    /**
     * @param title the page's title (plain text)
     * @param active the path of the navigation entry to mark current, or null
     * @param session the signed-in session (for the sign-out form's CSRF token and the role shown), or null on the
     *     sign-in page
     * @param body the page's HTML, already escaped
     * @param scripts extra scripts under {@code /assets/}, loaded after the shared one
     */
    static String render(String title, String active, DashboardSessions.Session session, String body, List<String> scripts) {
        StringBuilder h = new StringBuilder(4096 + body.length());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · Greenloop</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/uplot/uPlot.min.css\">\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">\n</head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"top\">\n")
                .append("<a class=\"brand\" href=\"/\">Greenloop</a>\n");
        if (session != null && session.signedIn()) {
            h.append("<nav aria-label=\"Main\"><ul>");
            for (Nav n : NAV) {
                h.append("<li><a href=\"").append(esc(n.path())).append('"');
                if (n.path().equals(active)) {
                    h.append(" aria-current=\"page\"");
                }
                h.append('>').append(esc(n.label())).append("</a></li>");
            }
            h.append("</ul></nav>\n<form class=\"signout\" method=\"post\" action=\"/logout\">")
                    .append(csrfField(session))
                    .append("<span class=\"who\">").append(esc(session.token().name())).append(" (")
                    .append(esc(session.token().role().label())).append(")</span> ")
                    .append("<button type=\"submit\">Sign out</button></form>\n");
        }
        h.append("</header>\n<main id=\"main\" tabindex=\"-1\">\n").append(body).append("\n</main>\n")
                .append("<footer>Greenloop · power from the fleet's agents; badges say how each value was obtained.</footer>\n")
                .append("<script src=\"/assets/dashboard.js\"></script>\n");
        for (String s : scripts) {
            h.append("<script src=\"/assets/").append(esc(s)).append("\"></script>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    /** @return the hidden form field that carries the session's CSRF token */
    static String csrfField(DashboardSessions.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrf()) + "\">";
    }

    /** @return the provenance badge: measured, derived or modelled, with a text a screen reader reads too */
    static String badge(String provenance) {
        return "<span class=\"badge badge-" + esc(provenance) + "\" title=\"how this value was obtained\">" + esc(provenance) + "</span>";
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
