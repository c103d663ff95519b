// Training run for the kernel's class archive (./workbook setup; see ensure_kernel_archive in
// tools/workbook/kernel.py). Not a notebook: it only touches what most notebooks touch, so that
// the JVM records those classes once and every later kernel maps them instead of loading them.
// Nothing here is shown to a user or checked; the results are thrown away.
double warmTheta1 = 1.0;
double warmTheta2 = 1.5;
LinearGaussianModel warmModel = LinearGaussianModel.of(new double[] {warmTheta1, warmTheta2}, 1.0, 2.0);
GaussianMeanField warmCavi = GaussianMeanField.of(warmModel.joint());
CaviResult<MeanFieldGaussianState> warmRun = warmCavi.run(new double[] {0.0, 0.0}, new double[] {1.0, 1.0}, new CaviOptions(1e-12, 100));
double warmKl = GaussianKL.between(warmRun.state().asMultivariate(), warmModel.posterior());
for (int i = 0; i < 3; i++) {
    warmKl += 0 * i;
}
XYChart warmChart = Plots.xy("warm-up", "sweep", "nats");
Plots.lineWithMarkers(warmChart, "ELBO", Plots.iterations(warmRun.elboTrace().length), warmRun.elboTrace());
Plots.dashed(Plots.line(warmChart, "KL", new double[] {0, 1}, new double[] {warmKl, warmKl}));
Plots.ellipses(Plots.plane("warm-up", "z1", "z2"), "posterior", warmModel.posterior(), 0, 1, Plots.PALETTE[0], true);
String warmPng = Plots.pngBase64(warmChart);
TwoLatentMeanField warmW4 = TwoLatentMeanField.run(warmTheta1, warmTheta2, 1.0, 2.0, 0.0, 0.0, 1e-12, 100);
String warmMeanFieldChecks = MeanFieldChecks.twoLatent(warmW4);
Prose.Markdown warmProse = MeanFieldProse.stopping(warmW4);
Table warmMoments = MeanFieldTables.exactAgainstMeanField(warmW4);
XYChart warmPath = GaussianPlots.meanFieldPath("warm-up", warmW4.posterior(), warmW4.run().path(), 0, 1);
XYChart warmTrace = TracePlots.sweeps("warm-up", "nats", 3).trace("ELBO", warmW4.elboTrace()).level("log p(x)", warmW4.logEvidence()).legend("InsideSE").chart();
Table warmTable = Table.create("warm-up").addColumns(
    StringColumn.create("name", List.of("a", "b")),
    DoubleColumn.create("value", new double[] {1.0, 2.0}),
    BooleanColumn.create("flag", List.of(true, false)));
String warmHtml = Html.table(warmTable);
String warmChecks = Checks.all(
    Checks.close("warm-up", warmKl, warmKl, 1e-12),
    Checks.nonDecreasing("warm-up", warmRun.elboTrace(), 1e-12));
String warmResults = Results.of("warmup").parameter("theta1", warmTheta1).result("kl", warmKl).toHtml();
warmChart
