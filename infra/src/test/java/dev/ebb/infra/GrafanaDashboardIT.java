package dev.ebb.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.worker.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard (infra/grafana/ebb-workers.json) and the CloudWatch agent's
 * configuration (ebb.yaml) ask for is on the {@code /metrics} page of a real worker that has
 * processed a message: a renamed metric would leave a panel or a CloudWatch widget silently empty.
 */
class GrafanaDashboardIT {

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "e");

    @Test
    void everyMetricAPanelOrTheAgentQueriesIsOnAWorkersPage() throws Exception {
        Set<String> page = new TreeSet<>();
        Harness h = new Harness("grafana", 5, 3);
        h.upload(1, "photos");
        try (Harness.Running w = h.startInProcess(h.env(), null)) {
            assertThat(w.awaitExit()).isZero();
            for (String line : w.scrape().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    page.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        assertThat(page).contains("ebb_worker_messages_total", "jvm_memory_used_bytes");

        JsonNode dashboard = new ObjectMapper().readTree(Repo.read("infra/grafana/ebb-workers.json"));
        List<String> queries = new ArrayList<>();
        dashboard
                .at("/panels")
                .forEach(p ->
                        p.at("/targets").forEach(t -> queries.add(t.get("expr").asText())));
        dashboard.at("/templating/list").forEach(v -> {
            if (v.has("query") && v.get("query").asText().startsWith("label_values(")) {
                queries.add(v.get("query").asText().replaceAll("label_values\\((\\w+),.*", "$1"));
            }
        });
        assertThat(queries).hasSizeGreaterThan(10);
        Set<String> queried = new TreeSet<>();
        queries.forEach(q -> queried.addAll(metricNames(q)));
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);
        assertThat(page).as("the worker's page").containsAll(queried);

        // the CloudWatch agent keeps series by exact name: each selector names one on the page
        Set<String> selected = new TreeSet<>();
        Matcher m = Pattern.compile("\\\\\"\\^(\\w+)\\$\\\\\"|\"\\^(\\w+)\\$\"")
                .matcher(Repo.read("infra/cloudformation/ebb.yaml"));
        while (m.find()) {
            selected.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(selected).contains("ebb_worker_messages_total", "ebb_worker_phase_seconds_sum");
        assertThat(page).as("the worker's page").containsAll(selected);
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, keywords, labels or variables. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("\\[[^]]*]", "") // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ") // grouping labels
                .replaceAll("\\$\\w+", " "); // dashboard variables
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?")
                .matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
