package dev.greenloop.server;

import dev.greenloop.app.Settings;
import io.javalin.config.RoutesConfig;

/**
 * The dashboard's report page ({@code /report}) and its downloads ({@code /report/download?format=...}), each needing
 * a dashboard session ({@link DashboardRoutes#page}); GETs that change nothing. docs/dashboard.md describes them.
 */
final class ReportRoutes implements Routes {

    private final DashboardRoutes dashboard;
    private final Settings settings;

    /**
     * @param dashboard the dashboard's sessions
     * @param settings the stores the report reads
     */
    ReportRoutes(DashboardRoutes dashboard, Settings settings) {
        this.dashboard = dashboard;
        this.settings = settings;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        ReportView view = new ReportView(settings, context);
        routes.get("/report", ctx -> dashboard.page(ctx, context).ifPresent(s -> {
            ReportView.Page page = view.render(s, ReportView.Form.of(ctx));
            DashboardRoutes.html(ctx, page.status(), page.html());
        }), Access.SESSION);
        routes.get("/report/download", ctx -> {
            if (dashboard.page(ctx, context).isPresent()) {
                view.download(ctx, ReportView.Form.of(ctx), ctx.queryParam("format"));
            }
        }, Access.SESSION);
    }
}
