package dev.ebb.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs infra/lint.sh: cfn-lint (0 errors, 0 warnings), checkov (0 failed) and hadolint (clean),
 * pinned from PyPI into a virtualenv under ~/.cache/ebb. Needs python3 with venv (.ci/run installs it).
 */
class InfraLintIT {

    @Test
    void templatesAndDockerfilePassTheLinters() throws Exception {
        Process p = new ProcessBuilder("bash", Repo.path("infra/lint.sh").toString())
                .directory(Repo.root().toFile())
                .redirectErrorStream(true)
                .start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out)
                .contains(
                        "cfn-lint: 3 templates, 0 errors, 0 warnings",
                        "checkov:",
                        " 0 failed,",
                        "hadolint: Dockerfile clean",
                        "lint: all clean");
    }
}
