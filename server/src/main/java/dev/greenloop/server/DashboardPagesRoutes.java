package dev.greenloop.server;

import dev.greenloop.app.LabService;
import dev.greenloop.app.Settings;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.store.StoreConfig;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's record and planning pages: {@code /runs} (runs and scheduled jobs), {@code /grid} (intensity per zone
 * and best windows), {@code /models} (lab profiles and their Pareto frontier) and {@code /compare} (placements ranked by
 * carbon), with their script under {@code /assets/pages/}. Each needs a dashboard session, as the fleet page does
 * ({@link DashboardRoutes#page}); all are GETs that change nothing. docs/dashboard.md describes them.
 */
final class DashboardPagesRoutes implements Routes {

    private static final Map<String, String> ASSETS = Map.of("grid.js", "text/javascript; charset=utf-8");

    private final DashboardRoutes dashboard;
    private final Settings settings;

    /**
     * @param dashboard the dashboard's sessions
     * @param settings where the lab profiles and the runs that compare reads are stored
     */
    DashboardPagesRoutes(DashboardRoutes dashboard, Settings settings) {
        this.dashboard = dashboard;
        this.settings = settings;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        RunsView runs = new RunsView(context);
        GridView grid = new GridView(context);
        // The lab's model files are never read here: only its stored profiles, so nothing is fetched.
        ModelsView models = new ModelsView(new LabService(new LabConfig(settings.home(), Optional.empty(), Optional.empty(), false),
                StoreConfig.fromEnvironment(settings.effectiveEnvironment()), "server"));
        CompareView compare = new CompareView(settings);
        routes.get("/runs", ctx -> {
            RunsView.Query q = RunsView.Query.of(ctx);
            dashboard.page(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200, runs.render(s, q)));
        }, Access.SESSION);
        routes.get("/grid", ctx -> {
            int minutes = GridView.minutes(ctx.queryParam("minutes"));
            dashboard.page(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200, grid.render(s, minutes)));
        }, Access.SESSION);
        routes.get("/models", ctx -> {
            Optional<Long> result = ModelsView.result(ctx.queryParam("result"));
            dashboard.page(ctx, context).ifPresent(s -> DashboardRoutes.html(ctx, 200, models.render(s, result)));
        }, Access.SESSION);
        routes.get("/compare", ctx -> dashboard.page(ctx, context).ifPresent(s -> {
            CompareView.Page page = compare.render(s, CompareView.Form.of(ctx));
            DashboardRoutes.html(ctx, page.status(), page.html());
        }), Access.SESSION);
        routes.get("/assets/pages/{file}", ctx -> DashboardRoutes.asset(ctx, ASSETS, "dashboard/", DashboardPagesRoutes.class), Access.PUBLIC);
    }
}
