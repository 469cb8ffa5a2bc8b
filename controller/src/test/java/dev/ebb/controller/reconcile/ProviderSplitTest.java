package dev.ebb.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ProviderShare;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderSplitTest {

    @ParameterizedTest(name = "{0} + {2} on [{1}] → {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # active            | strategy: provider:base:weight   | n  | launches
        -                   | FARGATE:0:1                      | 5  | FARGATE=5
        -                   | FARGATE_SPOT:0:1 FARGATE:0:1     | 4  | FARGATE_SPOT=2 FARGATE=2
        -                   | FARGATE_SPOT:0:1 FARGATE:0:1     | 3  | FARGATE_SPOT=2 FARGATE=1
        -                   | FARGATE_SPOT:0:3 FARGATE:1:1     | 1  | FARGATE=1
        -                   | FARGATE_SPOT:0:3 FARGATE:1:1     | 5  | FARGATE_SPOT=3 FARGATE=2
        -                   | FARGATE_SPOT:0:3 FARGATE:1:1     | 9  | FARGATE_SPOT=6 FARGATE=3
        -                   | FARGATE:2:0 FARGATE_SPOT:0:1     | 5  | FARGATE=2 FARGATE_SPOT=3
        -                   | FARGATE:5:1 FARGATE_SPOT:0:1     | 3  | FARGATE=3
        -                   | FARGATE_SPOT:0:1 FARGATE:0:0     | 4  | FARGATE_SPOT=4
        -                   | FARGATE_SPOT:0:1                 | 0  | -
        FARGATE=1           | FARGATE_SPOT:0:3 FARGATE:1:1     | 3  | FARGATE_SPOT=3
        FARGATE=4           | FARGATE_SPOT:0:1 FARGATE:0:1     | 2  | FARGATE_SPOT=2
        FARGATE=4           | FARGATE_SPOT:0:1 FARGATE:0:1     | 6  | FARGATE_SPOT=5 FARGATE=1
        FARGATE_SPOT=3      | FARGATE_SPOT:0:3 FARGATE:1:1     | 1  | FARGATE=1
        FARGATE_SPOT=6      | FARGATE_SPOT:0:1 FARGATE:2:1     | 4  | FARGATE=4
        """)
    void splitsLikeEcs(String active, String strategy, int n, String expected) {
        List<ProviderShare> shares = new ArrayList<>();
        for (String s : strategy.split(" ")) {
            String[] p = s.split(":");
            shares.add(
                    new ProviderShare(CapacityProvider.valueOf(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        Map<CapacityProvider, Integer> counts = new EnumMap<>(CapacityProvider.class);
        if (active != null) {
            for (String a : active.split(" ")) {
                counts.put(CapacityProvider.valueOf(a.split("=")[0]), Integer.parseInt(a.split("=")[1]));
            }
        }

        List<Slice> slices = ProviderSplit.split(shares, counts, n);

        String described = String.join(
                " ", slices.stream().map(s -> s.provider() + "=" + s.count()).toList());
        assertThat(described).isEqualTo(expected == null ? "" : expected);
        assertThat(slices.stream().mapToInt(Slice::count).sum()).isEqualTo(n);
    }
}
