package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class HelmLintTest {
    @Test
    void lintStrictPasses() {
        LintResult result = new Helm(RepoPaths.chart()).lint().strict().call();
        assertFalse(result.isFailed(), "helm lint --strict failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                "lint messages: " + result.getMessages());
    }
}
